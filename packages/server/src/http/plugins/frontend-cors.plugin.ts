import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreDeps } from '../../core/deps.js';
import { LatchkeyError } from '../../core/errors.js';
import { isWebOrigin } from '../../core/projects/project-settings.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { preflightProjectsOfRequest, projectOfRequest } from '../frontend-project.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The project a Frontend API request is for (header, `pro-…` subdomain, or the only one). */
    frontendProject: ProjectRecord;
  }
}

/** Methods the Frontend API answers to (preflights list them). */
const allowedMethods = 'GET, POST, PATCH, DELETE';
/** Request headers a browser may send: what Corbado's web SDKs use, and the JSON body. */
const allowedHeaders =
  'authorization, content-type, x-corbado-projectid, x-corbado-process-id, x-corbado-sdk, x-corbado-sdk-version, x-corbado-client-timezone, x-request-id';
/** How long browsers may cache a preflight's answer. */
const preflightMaxAgeSeconds = 600;

/**
 * The Frontend API's `onRequest` hook: resolves the request's project, then applies CORS
 * (Fetch standard §3.2): a request from a browser (`Origin`) is answered with
 * `Access-Control-Allow-Origin` and credentials only when the origin is exactly one of the
 * project's web origins; any other origin is refused with 403, which also stops cross-site
 * requests that would ride on the session cookies. Preflights (`OPTIONS`) are answered 204
 * here, before any project is chosen: a browser's preflight carries no header values, so on
 * a server with several projects it passes when some project allows the origin (the real
 * request is then held to its own project's origins). Requests without `Origin` (apps,
 * servers) pass.
 */
export function createFrontendCorsHook(deps: Pick<CoreDeps, 'db'>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    const preflight =
      request.method === 'OPTIONS' &&
      request.headers['access-control-request-method'] !== undefined;
    reply.header('vary', 'Origin');
    if (preflight) {
      const candidates = await preflightProjectsOfRequest(deps, request);
      if (origin === undefined || !candidates.some((project) => allowsOrigin(project, origin))) {
        throw originRefused();
      }
      allowOrigin(reply, origin);
      reply.header('access-control-allow-methods', allowedMethods);
      reply.header('access-control-allow-headers', allowedHeaders);
      reply.header('access-control-max-age', String(preflightMaxAgeSeconds));
      return reply.code(204).send();
    }
    const project = await projectOfRequest(deps, request);
    request.frontendProject = project;
    if (origin === undefined) return;
    if (!allowsOrigin(project, origin)) throw originRefused();
    allowOrigin(reply, origin);
  };
}

function allowsOrigin(project: ProjectRecord, origin: string): boolean {
  return isWebOrigin(origin) && project.allowedOrigins.includes(origin);
}

/** The CORS answer for an allowed origin: that origin, with credentials (the cookies). */
function allowOrigin(reply: FastifyReply, origin: string): void {
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
  reply.header('access-control-expose-headers', 'x-request-id');
}

function originRefused(): LatchkeyError {
  return new LatchkeyError(
    'ORIGIN_NOT_ALLOWED',
    "this origin is not one of the project's allowed origins",
  );
}
