import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, type FieldProblem, LatchkeyError } from '../core/errors.js';
import { errorBody } from './error-envelope.js';
import { routerOptions } from './router-options.js';

/**
 * Status and envelope `type` for every domain error code. Typed as a full Record so a new
 * code does not compile until it is mapped here.
 */
export const wireErrors: Record<ErrorCode, { status: number; type: string }> = {
  VALIDATION_FAILED: { status: 400, type: 'validation_error' },
  MALFORMED_BODY: { status: 400, type: 'invalid_request' },
  AUTH_MISSING: { status: 401, type: 'unauthorized' },
  AUTH_INVALID: { status: 401, type: 'unauthorized' },
  PROJECT_NOT_FOUND: { status: 404, type: 'not_found' },
  SECRET_NOT_FOUND: { status: 404, type: 'not_found' },
  USER_NOT_FOUND: { status: 404, type: 'not_found' },
  IDENTIFIER_NOT_FOUND: { status: 404, type: 'not_found' },
  SOCIAL_ACCOUNT_NOT_FOUND: { status: 404, type: 'not_found' },
  CHALLENGE_NOT_FOUND: { status: 404, type: 'not_found' },
  CONNECT_TOKEN_NOT_FOUND: { status: 404, type: 'not_found' },
  // Missing, unknown, expired, of another kind or another project's: one answer for all.
  CONNECT_PROCESS_INVALID: { status: 401, type: 'unauthorized' },
  PASSKEY_EVENT_NOT_FOUND: { status: 404, type: 'not_found' },
  WEBHOOK_ENDPOINT_NOT_FOUND: { status: 404, type: 'not_found' },
  CREDENTIAL_NOT_FOUND: { status: 404, type: 'not_found' },
  PASSKEY_CHALLENGE_NOT_FOUND: { status: 404, type: 'not_found' },
  PASSKEY_CHALLENGE_INVALID: { status: 400, type: 'validation_error' },
  WEBAUTHN_VERIFICATION_FAILED: { status: 400, type: 'validation_error' },
  SESSION_NOT_FOUND: { status: 404, type: 'not_found' },
  CERTIFICATE_NOT_FOUND: { status: 404, type: 'not_found' },
  // A client certificate the handshake accepted but no project has registered.
  CERTIFICATE_UNTRUSTED: { status: 403, type: 'forbidden' },
  SESSION_MISSING: { status: 401, type: 'unauthorized' },
  // Expired, revoked, reused, tampered or another project's: one answer for all.
  SESSION_INVALID: { status: 401, type: 'unauthorized' },
  SIGNED_PASSKEY_DATA_INVALID: { status: 400, type: 'validation_error' },
  USER_NOT_ACTIVE: { status: 403, type: 'forbidden' },
  LAST_LOGIN_METHOD: { status: 409, type: 'conflict' },
  ORIGIN_NOT_ALLOWED: { status: 403, type: 'forbidden' },
  // A wrong code is a validation problem on `value`: the client can correct it and retry.
  CHALLENGE_CODE_INVALID: { status: 400, type: 'validation_error' },
  CHALLENGE_EXPIRED: { status: 400, type: 'validation_error' },
  CHALLENGE_LOCKED: { status: 429, type: 'rate_limited' },
  CHALLENGE_NOT_PENDING: { status: 409, type: 'conflict' },
  DUPLICATE_VALUE: { status: 409, type: 'conflict' },
  MESSAGE_DELIVERY_FAILED: { status: 502, type: 'delivery_failed' },
  ROUTE_NOT_FOUND: { status: 404, type: 'not_found' },
  METHOD_NOT_ALLOWED: { status: 405, type: 'method_not_allowed' },
  PAYLOAD_TOO_LARGE: { status: 413, type: 'payload_too_large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, type: 'unsupported_media_type' },
  RATE_LIMITED: { status: 429, type: 'rate_limited' },
  // An unknown or foreign process token: the client starts a new process.
  PROCESS_NOT_FOUND: { status: 404, type: 'not_found' },
  PROCESS_EXPIRED: { status: 410, type: 'gone' },
  PROCESS_FINISHED: { status: 409, type: 'conflict' },
  // The action exists but the process is on a block that does not offer it.
  PROCESS_ACTION_NOT_ALLOWED: { status: 409, type: 'conflict' },
  // A hosted page asked to send the user somewhere the project does not allow (no open redirect).
  REDIRECT_URI_NOT_ALLOWED: { status: 400, type: 'validation_error' },
  // Unknown, expired, used, another project's or another redirect URI's: one answer for all.
  HOSTED_CODE_INVALID: { status: 400, type: 'validation_error' },
  CONFLICT: { status: 409, type: 'conflict' },
  NOT_READY: { status: 503, type: 'not_ready' },
  INTERNAL: { status: 500, type: 'internal_error' },
};

/** Sends a domain error in the API's error envelope. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: LatchkeyError) {
  const wire = wireErrors[error.code];
  if (error.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(error.retryAfterSeconds));
  }
  if (error.code === 'AUTH_MISSING' || error.code === 'AUTH_INVALID') {
    reply.header('www-authenticate', 'Basic realm="Latchkey Backend API", charset="UTF-8"');
  }
  if (error.code === 'SESSION_MISSING' || error.code === 'SESSION_INVALID') {
    // RFC 6750 §3: a Bearer challenge; invalid_token when one was sent.
    reply.header(
      'www-authenticate',
      error.code === 'SESSION_INVALID'
        ? 'Bearer realm="Latchkey Frontend API", error="invalid_token"'
        : 'Bearer realm="Latchkey Frontend API"',
    );
  }
  return reply.code(wire.status).send(
    errorBody(request, reply, {
      status: wire.status,
      type: wire.type,
      code: error.code,
      message: error.message,
      validation: error.validation,
    }),
  );
}

/** Turns Fastify's own errors (parsing, schema validation) into domain errors. */
export function toLatchkeyError(error: FastifyError | Error): LatchkeyError {
  if (error instanceof LatchkeyError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const validation = fastifyError.validation.map((issue): FieldProblem => {
      const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty;
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const field = missing ? (path ? `${path}.${missing}` : missing) : path;
      const allowed = (issue.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
      const message = missing
        ? 'is required'
        : allowed
          ? `must be one of ${allowed.join(', ')}`
          : (issue.message ?? 'is invalid');
      return { field: field || fastifyError.validationContext || 'body', message };
    });
    const summary = validation.map((v) => `${v.field}: ${v.message}`).join('; ');
    return new LatchkeyError('VALIDATION_FAILED', summary, { validation, cause: error });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_BAD_URL':
      return new LatchkeyError('VALIDATION_FAILED', 'path: is not valid percent-encoded UTF-8', {
        validation: [{ field: 'path', message: 'is not valid percent-encoded UTF-8' }],
        cause: error,
      });
    case 'FST_ERR_MAX_PARAM_LENGTH': {
      const message = `has a segment longer than ${routerOptions.maxParamLength} characters`;
      return new LatchkeyError('VALIDATION_FAILED', `path: ${message}`, {
        validation: [{ field: 'path', message }],
        cause: error,
      });
    }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new LatchkeyError('PAYLOAD_TOO_LARGE', 'request body is larger than the limit', {
        cause: error,
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new LatchkeyError(
        'UNSUPPORTED_MEDIA_TYPE',
        'send the body as application/json or application/x-www-form-urlencoded',
        { cause: error },
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new LatchkeyError('MALFORMED_BODY', 'the JSON body is empty', { cause: error });
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) {
    return new LatchkeyError('PAYLOAD_TOO_LARGE', 'request body is too large', { cause: error });
  }
  if (status === 415) {
    return new LatchkeyError('UNSUPPORTED_MEDIA_TYPE', 'unsupported content type', {
      cause: error,
    });
  }
  if (status >= 400 && status < 500) {
    // Fastify's parse errors (bad JSON, bad content length, prototype poisoning).
    return new LatchkeyError('MALFORMED_BODY', `malformed request: ${fastifyError.message}`, {
      cause: error,
    });
  }
  return new LatchkeyError('INTERNAL', 'internal error', { cause: error });
}

/**
 * Fastify's `frameworkErrors`: errors the router raises before a route is chosen (so neither
 * the error handler nor the not-found handler sees them).
 */
export function sendFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const mapped = toLatchkeyError(error);
  if (mapped.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled router error');
  // No route means no hooks: the app's onSend hook that sets X-Request-ID does not run here.
  reply.header('x-request-id', request.id);
  return sendError(request, reply, mapped);
}

/**
 * The only place errors become responses. Domain errors keep their message; anything
 * unexpected is logged with its cause and answered as a plain 500, never a stack trace.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = toLatchkeyError(error);
    if (mapped.code === 'INTERNAL') {
      request.log.error({ err: error }, 'unhandled error');
    } else if (wireErrors[mapped.code].status >= 500) {
      request.log.warn({ err: error }, mapped.message);
    }
    return sendError(request, reply, mapped);
  });
}
