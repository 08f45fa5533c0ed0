import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LatchkeyError } from '../../core/errors.js';
import { toLatchkeyError, wireErrors } from '../error-handler.js';

/** The User store API's error body: the code, a message, and per-field problems if any. */
export interface UserstoreErrorBody {
  code: string;
  message: string;
  validation?: { field: string; message: string }[];
}

/** Sends a domain error as the User store API's JSON (not the Corbado envelope). */
export function sendUserstoreError(reply: FastifyReply, error: LatchkeyError): FastifyReply {
  const status = wireErrors[error.code].status;
  if (error.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(error.retryAfterSeconds));
  }
  const body: UserstoreErrorBody = {
    code: error.code,
    message: error.message,
    ...(error.validation.length > 0 && { validation: error.validation }),
  };
  return reply.code(status).type('application/json').send(body);
}

/**
 * The User store listener's only error handler and its 404: domain errors keep their
 * message, anything unexpected is logged and answered as a plain 500.
 */
export function registerUserstoreErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply) => {
    const mapped = toLatchkeyError(error);
    if (mapped.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    return sendUserstoreError(reply, mapped);
  });
  app.setNotFoundHandler((request, reply) =>
    sendUserstoreError(
      reply,
      new LatchkeyError(
        'ROUTE_NOT_FOUND',
        `no route ${request.method} ${request.url.split('?')[0]}`,
      ),
    ),
  );
}
