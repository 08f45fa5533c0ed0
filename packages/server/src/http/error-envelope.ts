import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../core/errors.js';

export interface ErrorBodyInput {
  status: number;
  type: string;
  code: string;
  message: string;
  validation?: FieldProblem[];
}

/** Seconds since the request arrived, as the envelope's `runtime` reports it. */
export function runtimeSeconds(reply: FastifyReply): number {
  return Math.round(reply.elapsedTime) / 1000;
}

/** common.yml `requestData`. Latchkey has no dashboard, so `link` is empty. */
export function requestData(request: FastifyRequest) {
  return { requestID: request.id, link: '' };
}

/** Builds common.yml's `errorRsp` body. The only place its shape is written. */
export function errorBody(request: FastifyRequest, reply: FastifyReply, input: ErrorBodyInput) {
  return {
    httpStatusCode: input.status,
    message: input.message,
    requestData: requestData(request),
    runtime: runtimeSeconds(reply),
    error: {
      type: input.type,
      code: input.code,
      details: input.message,
      validation: input.validation ?? [],
      links: [],
    },
  };
}

/** Builds common.yml's `genericRsp` body for operations that return nothing else. */
export function genericOkBody(request: FastifyRequest, reply: FastifyReply) {
  return {
    httpStatusCode: 200,
    message: 'OK',
    requestData: requestData(request),
    runtime: runtimeSeconds(reply),
  };
}
