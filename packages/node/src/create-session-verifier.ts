import { verify } from 'node:crypto';
import { SessionVerificationError } from './errors.js';
import { createJwksCache } from './jwks-cache.js';

/** The claims of a Latchkey session token (Corbado's short-session claims). */
export interface SessionClaims {
  iss: string;
  /** The user (`usr-…`). */
  sub: string;
  exp: number;
  iat: number;
  nbf?: number;
  jti?: string;
  /** The long session (`ses-…`). */
  sid?: string;
  name?: string;
  email?: string;
  phone_number?: string;
  /** The identifier used to log in. */
  orig?: string;
  version?: number;
  [claim: string]: unknown;
}

export interface SessionVerifierOptions {
  /** The project's Frontend API URL, e.g. `https://auth.example.com`: the tokens' issuer. */
  frontendApiUrl: string;
  /** Sent as `X-Corbado-ProjectID` when fetching the JWKS (needed when a server has several). */
  projectId?: string;
  /** Where the keys are; default `${frontendApiUrl}/.well-known/jwks`. */
  jwksUrl?: string;
  /** Default 10 minutes. */
  cacheMaxAgeMs?: number;
  /** Least time between refetches for unknown key IDs; default 30 s. */
  cooldownMs?: number;
  /** Clock skew tolerated on `exp` and `nbf`; default 10 s. */
  clockToleranceSeconds?: number;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  /** Injectable for tests: milliseconds since the epoch. */
  now?: () => number;
}

export interface SessionVerifier {
  /** @throws SessionVerificationError with a stable `code`. */
  verify(token: string | undefined): Promise<SessionClaims>;
}

const algorithms: Record<
  string,
  (data: Buffer, key: import('node:crypto').KeyObject, sig: Buffer) => boolean
> = {
  RS256: (data, key, sig) => verify('sha256', data, key, sig),
  ES256: (data, key, sig) => verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig),
  EdDSA: (data, key, sig) => verify(null, data, key, sig),
};

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A verifier for one project's session tokens: the signature by a key of the project's JWKS
 * (RS256, ES256 or EdDSA, and only the algorithm that key is for), `typ: JWT` (so signed
 * passkey data, `passkey-data+jwt`, never passes), the issuer, `exp` and `nbf`.
 */
export function createSessionVerifier(options: SessionVerifierOptions): SessionVerifier {
  const issuer = options.frontendApiUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const tolerance = options.clockToleranceSeconds ?? 10;
  const jwks = createJwksCache({
    url: options.jwksUrl ?? `${issuer}/.well-known/jwks`,
    projectId: options.projectId,
    maxAgeMs: options.cacheMaxAgeMs ?? 10 * 60 * 1000,
    cooldownMs: options.cooldownMs ?? 30 * 1000,
    fetch: options.fetch ?? fetch,
    now,
  });
  return {
    async verify(token) {
      if (!token) throw new SessionVerificationError('TOKEN_MISSING', 'no session token');
      const parts = token.length <= 8192 ? token.split('.') : [];
      if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
        throw new SessionVerificationError('TOKEN_MALFORMED', 'not a compact JWS');
      }
      const [headerPart, payloadPart, signature] = parts as [string, string, string];
      const header = decode(headerPart);
      const claims = decode(payloadPart);
      if (!header || !claims || typeof header.kid !== 'string' || typeof header.alg !== 'string') {
        throw new SessionVerificationError('TOKEN_MALFORMED', 'header or claims unreadable');
      }
      if (header.typ !== undefined && header.typ !== 'JWT') {
        throw new SessionVerificationError(
          'WRONG_TYPE',
          `typ ${String(header.typ)} is not a session token`,
        );
      }
      const key = await jwks.get(header.kid);
      const check = key && key.alg === header.alg ? algorithms[key.alg] : undefined;
      if (!key || !check)
        throw new SessionVerificationError('UNKNOWN_KEY', `no usable key ${header.kid}`);
      const data = Buffer.from(`${headerPart}.${payloadPart}`, 'utf8');
      if (!check(data, key.key, Buffer.from(signature, 'base64url'))) {
        throw new SessionVerificationError('BAD_SIGNATURE', 'the signature does not verify');
      }
      if (claims.iss !== issuer) {
        throw new SessionVerificationError(
          'WRONG_ISSUER',
          `issuer ${String(claims.iss)} is not ${issuer}`,
        );
      }
      const seconds = Math.floor(now() / 1000);
      if (typeof claims.exp !== 'number' || seconds >= claims.exp + tolerance) {
        throw new SessionVerificationError('EXPIRED', 'the session token has expired');
      }
      if (typeof claims.nbf === 'number' && seconds + tolerance < claims.nbf) {
        throw new SessionVerificationError('NOT_YET_VALID', 'the session token is not valid yet');
      }
      if (typeof claims.sub !== 'string') {
        throw new SessionVerificationError('TOKEN_MALFORMED', 'no subject');
      }
      return claims as SessionClaims;
    },
  };
}
