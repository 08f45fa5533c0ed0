/** Why a session token was refused: stable codes to `switch` on. */
export type SessionErrorCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_MALFORMED'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'WRONG_TYPE'
  | 'WRONG_ISSUER'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'JWKS_UNAVAILABLE';

/** The one error the verifier throws. */
export class SessionVerificationError extends Error {
  readonly code: SessionErrorCode;

  constructor(code: SessionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SessionVerificationError';
    this.code = code;
  }
}
