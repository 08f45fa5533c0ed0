import { findProject, type ProjectRecord } from '../../store/project.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';

/**
 * Looks a project up by ID.
 * @throws PROJECT_NOT_FOUND
 */
export async function getProject(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
): Promise<ProjectRecord> {
  const project = await findProject(deps.db, projectId);
  if (!project) throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${projectId}`);
  return project;
}
