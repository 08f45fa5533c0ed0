import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';

/** The claims of a Latchkey session token the demo shows (docs/sessions.md). */
export interface SessionClaims extends JWTPayload {
  sub: string;
  name?: string;
  email?: string;
}

export interface SessionVerifierOptions {
  /** Where the project's public keys are: Latchkey's `/.well-known/jwks`. */
  jwksUrl: string;
  /** Names the project at the JWKS endpoint (a server may hold several). */
  projectId: string;
  /** The session tokens' `iss`: the project's Frontend API URL. */
  issuer: string;
  /** Time for `exp`/`nbf` checks (tests move it); default now. */
  currentDate?: () => Date;
}

/**
 * Verifies session JWTs as any backend can, with a standard JWT library (jose) and the
 * JWKS: signature by a published key (fetched once, refetched for an unknown `kid`), issuer,
 * expiry. Returns the claims, or undefined for any token that does not verify.
 */
export function createSessionVerifier(options: SessionVerifierOptions) {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    headers: { 'x-corbado-projectid': options.projectId },
  });
  return async (token: string): Promise<SessionClaims | undefined> => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: options.issuer,
        algorithms: ['RS256', 'ES256', 'EdDSA'],
        clockTolerance: 10,
        ...(options.currentDate && { currentDate: options.currentDate() }),
      });
      return typeof payload.sub === 'string' && payload.sub.startsWith('usr-')
        ? (payload as SessionClaims)
        : undefined;
    } catch {
      return undefined;
    }
  };
}

export type SessionVerifier = ReturnType<typeof createSessionVerifier>;
