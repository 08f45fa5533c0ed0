/**
 * The one table of domain error codes. Core code throws only `LatchkeyError`s with one of
 * these codes; `http/error-handler.ts` maps every code to a status and the wire envelope
 * (its map is typed so that a new code does not compile until it is mapped).
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  'AUTH_MISSING',
  'AUTH_INVALID',
  'PROJECT_NOT_FOUND',
  'SECRET_NOT_FOUND',
  'USER_NOT_FOUND',
  'IDENTIFIER_NOT_FOUND',
  'SOCIAL_ACCOUNT_NOT_FOUND',
  'CHALLENGE_NOT_FOUND',
  'CONNECT_TOKEN_NOT_FOUND',
  'CONNECT_PROCESS_INVALID',
  'PASSKEY_EVENT_NOT_FOUND',
  'WEBHOOK_ENDPOINT_NOT_FOUND',
  'CREDENTIAL_NOT_FOUND',
  'PASSKEY_CHALLENGE_NOT_FOUND',
  'PASSKEY_CHALLENGE_INVALID',
  'WEBAUTHN_VERIFICATION_FAILED',
  'SESSION_NOT_FOUND',
  'CERTIFICATE_NOT_FOUND',
  'CERTIFICATE_UNTRUSTED',
  'SESSION_MISSING',
  'SESSION_INVALID',
  'SIGNED_PASSKEY_DATA_INVALID',
  'USER_NOT_ACTIVE',
  'LAST_LOGIN_METHOD',
  'ORIGIN_NOT_ALLOWED',
  'CHALLENGE_CODE_INVALID',
  'CHALLENGE_EXPIRED',
  'CHALLENGE_LOCKED',
  'CHALLENGE_NOT_PENDING',
  'DUPLICATE_VALUE',
  'MESSAGE_DELIVERY_FAILED',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'PROCESS_NOT_FOUND',
  'PROCESS_EXPIRED',
  'PROCESS_FINISHED',
  'PROCESS_ACTION_NOT_ALLOWED',
  'REDIRECT_URI_NOT_ALLOWED',
  'HOSTED_CODE_INVALID',
  'CONFLICT',
  'NOT_READY',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field, as the error envelope's `validation[]` lists them. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface LatchkeyErrorOptions {
  cause?: unknown;
  /** Per-field problems (for VALIDATION_FAILED). */
  validation?: FieldProblem[];
  /** Seconds after which a RATE_LIMITED request may be retried. */
  retryAfterSeconds?: number;
}

/** The single error type core code throws. `code` is stable; `message` is for humans. */
export class LatchkeyError extends Error {
  readonly code: ErrorCode;
  readonly validation: FieldProblem[];
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: LatchkeyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LatchkeyError';
    this.code = code;
    this.validation = options.validation ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Shorthand for a VALIDATION_FAILED error about one field. */
export function invalidField(field: string, message: string): LatchkeyError {
  return new LatchkeyError('VALIDATION_FAILED', `${field}: ${message}`, {
    validation: [{ field, message }],
  });
}

export function isLatchkeyError(value: unknown): value is LatchkeyError {
  return value instanceof LatchkeyError;
}

/** The same error with a field renamed (a core use case's name → the name in this API's body). */
export function withFieldRenamed(error: LatchkeyError, from: string, to: string): LatchkeyError {
  if (error.validation.length === 0) return error;
  return new LatchkeyError(error.code, error.message.replace(new RegExp(`^${from}:`), `${to}:`), {
    cause: error,
    validation: error.validation.map((problem) =>
      problem.field === from ? { ...problem, field: to } : problem,
    ),
    ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
  });
}
