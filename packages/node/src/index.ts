/** Verify Latchkey session tokens in Node.js backends (docs/sessions.md). */
export {
  createSessionVerifier,
  type SessionClaims,
  type SessionVerifier,
  type SessionVerifierOptions,
} from './create-session-verifier.js';
export { type SessionErrorCode, SessionVerificationError } from './errors.js';
export { expressSession, fastifySession, requireSession, type WithSession } from './middleware.js';
export { sessionCookieNames, tokenFromRequest } from './token-from-request.js';
