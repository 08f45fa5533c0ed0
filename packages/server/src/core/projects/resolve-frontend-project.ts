import {
  findOnlyProject,
  findProject,
  listProjects,
  type ProjectRecord,
} from '../../store/project.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { parseId } from '../ids.js';

/** A `pro-<digits>` first label of the host, as in Corbado's `pro-….frontendapi.corbado.io`. */
const projectSubdomain = /^(pro-[0-9]{1,20})\./i;

/**
 * The project a Frontend API request is for: the `X-Corbado-ProjectID` header (Corbado's SDKs
 * send it), else a `pro-…` subdomain of the host, else the server's only project.
 * @throws VALIDATION_FAILED (a malformed header), PROJECT_NOT_FOUND (unknown, or several
 *   projects and nothing to choose by)
 */
export async function resolveFrontendProject(
  deps: Pick<CoreDeps, 'db'>,
  input: { projectIdHeader: string | undefined; host: string | undefined },
): Promise<ProjectRecord> {
  if (input.projectIdHeader !== undefined && input.projectIdHeader !== '') {
    const id = parseId('project', input.projectIdHeader.trim());
    if (!id) {
      throw invalidField(
        'X-Corbado-ProjectID',
        'must be a project ID like pro-4693224802260150919',
      );
    }
    return requireProject(await findProject(deps.db, id), id);
  }
  const subdomain = projectSubdomain.exec(input.host ?? '')?.[1]?.toLowerCase();
  if (subdomain) return requireProject(await findProject(deps.db, subdomain), subdomain);
  const only = await findOnlyProject(deps.db);
  if (!only) {
    throw new LatchkeyError(
      'PROJECT_NOT_FOUND',
      'this server has several projects: name one with the X-Corbado-ProjectID header or a pro-… subdomain',
    );
  }
  return only;
}

/**
 * The projects a CORS preflight may be for. A browser's preflight never carries header
 * values, so an `X-Corbado-ProjectID` the real request will send is not there yet: when the
 * preflight names no project (no header, no `pro-…` subdomain), every project is a candidate
 * and the preflight passes if one of them allows the origin. The real request is then
 * checked against its own project's origins, so this reveals no more than that some project
 * allows the origin. Projects are few (one per application), so listing them is cheap, and
 * browsers cache the answer.
 * @throws as resolveFrontendProject when the preflight names a project
 */
export async function resolvePreflightProjects(
  deps: Pick<CoreDeps, 'db'>,
  input: { projectIdHeader: string | undefined; host: string | undefined },
): Promise<ProjectRecord[]> {
  const named =
    (input.projectIdHeader !== undefined && input.projectIdHeader !== '') ||
    projectSubdomain.test(input.host ?? '');
  if (named) return [await resolveFrontendProject(deps, input)];
  return listProjects(deps.db);
}

function requireProject(project: ProjectRecord | undefined, id: string): ProjectRecord {
  if (!project) throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${id}`);
  return project;
}
