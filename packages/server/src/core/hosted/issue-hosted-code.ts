import { insertHostedCode } from '../../store/hosted-code.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { invalidField } from '../errors.js';
import { checkRedirectUri } from '../projects/redirect-urls.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { VerifiedSession } from '../sessions/verify-session-token.js';
import { hostedCodeLifetimeMs, newHostedCode } from './hosted-code.js';

/** A page loop or a script minting codes is stopped well before it matters. */
const issueRule: RateLimitRule = { name: 'hosted-code-issue', limit: 30, windowMs: 60_000 };

/** Longest `state` passed through (OAuth clients use 20–100 characters). */
const maxStateLength = 512;

export interface IssuedHostedCode {
  /** The URL to send the browser to: the redirect URI with `code` (and `state`) set. */
  redirectUrl: string;
  expiresAt: number;
}

/**
 * Issues a one-time code for the signed-in user of a hosted page, bound to the project and
 * to `redirectUri` (checked against the project's allowed redirect URLs here, not trusted
 * from the page), and returns where to send the browser. Only the code's SHA-256 is stored.
 * @throws VALIDATION_FAILED, REDIRECT_URI_NOT_ALLOWED, RATE_LIMITED
 */
export async function issueHostedCode(
  deps: CoreDeps & { rateLimiter: RateLimiter },
  project: ProjectRecord,
  signedIn: VerifiedSession,
  input: { redirectUri: string | undefined; state: string | undefined },
): Promise<IssuedHostedCode> {
  const redirectUri = checkRedirectUri(project.allowedRedirectUrls, input.redirectUri);
  if (input.state !== undefined && input.state.length > maxStateLength) {
    throw invalidField('state', `must be at most ${maxStateLength} characters`);
  }
  await deps.rateLimiter.consume(issueRule, signedIn.session.id);
  const code = newHostedCode(deps.random);
  const now = deps.clock.now();
  const expiresAt = now + hostedCodeLifetimeMs;
  await insertHostedCode(deps.db, {
    codeHash: hashToken(code),
    projectId: project.id,
    userId: signedIn.user.id,
    sessionId: signedIn.session.id,
    identifierValue: signedIn.session.identifierValue,
    redirectUri,
    createdAt: now,
    expiresAt,
  });
  const url = new URL(redirectUri);
  url.searchParams.set('code', code);
  if (input.state !== undefined && input.state !== '') url.searchParams.set('state', input.state);
  else url.searchParams.delete('state');
  return { redirectUrl: url.toString(), expiresAt };
}
