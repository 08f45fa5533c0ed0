import type { FastifyRequest } from 'fastify';
import type { CoreDeps } from '../core/deps.js';
import {
  resolveFrontendProject,
  resolvePreflightProjects,
} from '../core/projects/resolve-frontend-project.js';
import type { ProjectRecord } from '../store/project.store.js';

/** The project a Frontend API request names (header, `pro-…` subdomain, or the only one). */
export function projectOfRequest(
  deps: Pick<CoreDeps, 'db'>,
  request: FastifyRequest,
): Promise<ProjectRecord> {
  return resolveFrontendProject(deps, projectHintsOf(request));
}

/** The projects a CORS preflight may be for (see resolvePreflightProjects). */
export function preflightProjectsOfRequest(
  deps: Pick<CoreDeps, 'db'>,
  request: FastifyRequest,
): Promise<ProjectRecord[]> {
  return resolvePreflightProjects(deps, projectHintsOf(request));
}

function projectHintsOf(request: FastifyRequest) {
  const header = request.headers['x-corbado-projectid'];
  return {
    projectIdHeader: Array.isArray(header) ? header[0] : header,
    host: request.hostname,
  };
}
