import { findProject } from '../../../store/project.store.js';
import type { CoreDeps } from '../../deps.js';
import { LatchkeyError } from '../../errors.js';
import { type RelyingParty, relyingPartyOf } from '../relying-party.js';

/**
 * The project's relying party, read on every ceremony so a settings change made on any node
 * applies at once.
 * @throws PROJECT_NOT_FOUND
 */
export async function loadRelyingParty(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
): Promise<RelyingParty> {
  const project = await findProject(deps.db, projectId);
  if (!project) throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${projectId}`);
  return relyingPartyOf(project);
}
