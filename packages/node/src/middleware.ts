import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionClaims, SessionVerifier } from './create-session-verifier.js';
import { SessionVerificationError } from './errors.js';
import { tokenFromRequest } from './token-from-request.js';

/** What the helpers put on the request: the verified claims. */
export interface WithSession {
  session?: SessionClaims;
}

/** The answer to a refused request: 401 for a bad token, 503 without the JWKS, else 500. */
function refusalOf(error: unknown): { status: number; code: string } {
  const code = error instanceof SessionVerificationError ? error.code : 'INTERNAL';
  return { code, status: code === 'JWKS_UNAVAILABLE' ? 503 : code === 'INTERNAL' ? 500 : 401 };
}

function refuse(response: ServerResponse, error: unknown) {
  const { status, code } = refusalOf(error);
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  if (status === 401) response.setHeader('www-authenticate', 'Bearer error="invalid_token"');
  response.end(JSON.stringify({ error: code }));
}

/**
 * Express (or Connect) middleware: verifies the request's session token and sets
 * `req.session` to its claims, else answers 401 `{"error": code}` (503 when the JWKS cannot
 * be fetched).
 */
export function expressSession(verifier: SessionVerifier) {
  return (
    request: IncomingMessage & WithSession,
    response: ServerResponse,
    next: (error?: unknown) => void,
  ) => {
    verifier
      .verify(tokenFromRequest(request.headers))
      .then((claims) => {
        request.session = claims;
        next();
      })
      .catch((error: unknown) => refuse(response, error));
  };
}

/**
 * A Fastify `preHandler` hook: verifies the session token and sets `request.session`, else
 * answers 401 (503 without the JWKS). Register it with `app.addHook('preHandler', hook)` or
 * per route.
 */
export function fastifySession(verifier: SessionVerifier) {
  return async (
    request: { headers: IncomingMessage['headers'] } & WithSession,
    reply: {
      code(status: number): { send(body: unknown): unknown };
      header(name: string, value: string): unknown;
    },
  ) => {
    try {
      request.session = await verifier.verify(tokenFromRequest(request.headers));
    } catch (error) {
      const { status, code } = refusalOf(error);
      if (status === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return reply.code(status).send({ error: code });
    }
  };
}

/** For plain node:http: the claims, or undefined after answering 401/503 itself. */
export async function requireSession(
  verifier: SessionVerifier,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<SessionClaims | undefined> {
  try {
    return await verifier.verify(tokenFromRequest(request.headers));
  } catch (error) {
    refuse(response, error);
    return undefined;
  }
}
