import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreDeps } from '../../core/deps.js';
import { LatchkeyError } from '../../core/errors.js';
import type { RateLimiter, RateLimitRule } from '../../core/rate-limit/rate-limiter.js';
import {
  type AuthenticatedProject,
  verifyApiSecret,
} from '../../core/secrets/verify-api-secret.js';

/** Failed Backend API logins allowed per client address per window (see docs/security.md). */
export const backendAuthFailureRule: RateLimitRule = {
  name: 'backend-auth-failure',
  limit: 20,
  windowMs: 5 * 60_000,
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The project a Backend API request is authenticated for. */
    projectId: string;
    /** That project as read while authenticating (settings current as of this request). */
    project: AuthenticatedProject['project'];
  }
}

/** Reads `Authorization: Basic base64(projectID:apiSecret)`; undefined when malformed. */
export function parseBasicAuth(
  header: string | undefined,
): { projectId: string; secret: string } | undefined {
  if (!header) return undefined;
  const match = /^Basic +([A-Za-z0-9+/=]{1,1024})$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { projectId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * onRequest hook for every Backend API route: HTTP Basic `projectID:apiSecret`. Runs before
 * the body is read. Failed attempts count against the client address, and an address over
 * its budget is refused before any secret is checked. A successful request costs one read of
 * the counter and no write, so the limit adds nothing to the hot path but a primary-key lookup.
 * @throws AUTH_MISSING, AUTH_INVALID, RATE_LIMITED
 */
export function createBackendAuthHook(deps: Pick<CoreDeps, 'db' | 'clock'>, limiter: RateLimiter) {
  return async function authenticateBackendRequest(request: FastifyRequest, _reply: FastifyReply) {
    await limiter.assertAllowed(backendAuthFailureRule, request.ip);
    const header = request.headers.authorization;
    if (!header) {
      throw new LatchkeyError(
        'AUTH_MISSING',
        'authenticate with HTTP Basic: the project ID as user name and an API secret as password',
      );
    }
    const credentials = parseBasicAuth(header);
    const authenticated = credentials
      ? await verifyApiSecret(deps, credentials.projectId, credentials.secret)
      : undefined;
    if (!credentials || !authenticated) {
      // Counting and checking in one atomic step: of a burst of concurrent failures, only
      // the first `limit` are answered 401; the rest get 429, as if they had come later.
      await limiter.consume(backendAuthFailureRule, request.ip);
      throw new LatchkeyError('AUTH_INVALID', 'the project ID or API secret is not valid');
    }
    request.projectId = authenticated.project.id;
    request.project = authenticated.project;
  };
}
