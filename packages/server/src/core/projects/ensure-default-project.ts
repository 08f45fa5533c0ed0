import { claimInstanceSetting, readInstanceSetting } from '../../store/instance-setting.store.js';
import { findProject, type ProjectRecord } from '../../store/project.store.js';
import type { CoreDeps } from '../deps.js';
import { createApiSecret } from '../secrets/create-api-secret.js';
import { createProject } from './create-project.js';

const defaultProjectKey = 'default_project_id';

export interface DefaultProject {
  project: ProjectRecord;
  /** Set only on the start that created the project: the secret, to show this once. */
  created?: { apiSecret: string; apiSecretId: string };
}

/**
 * Returns the embedded default project, creating it with an API secret on the first start.
 * Several nodes starting at once on an empty database create exactly one: the creation and
 * the claim of the `default_project_id` setting commit in one transaction.
 */
export async function ensureDefaultProject(
  deps: CoreDeps,
  settings: { origin: string },
): Promise<DefaultProject> {
  const existingId = await readInstanceSetting(deps.db, defaultProjectKey);
  if (existingId) {
    const project = await findProject(deps.db, existingId);
    if (project) return { project };
  }
  let outcome: DefaultProject | undefined;
  try {
    outcome = await deps.db.transaction().execute(async (trx) => {
      const txDeps = { ...deps, db: trx };
      const project = await createProject(txDeps, {
        name: 'Default project',
        origins: [settings.origin],
      });
      const claimed = await claimInstanceSetting(
        trx,
        defaultProjectKey,
        project.id,
        deps.clock.now(),
      );
      // Losing the claim rolls the whole transaction back, project included.
      if (!claimed) throw new LostRace();
      const secret = await createApiSecret(txDeps, project.id);
      return { project, created: { apiSecret: secret.apiSecret, apiSecretId: secret.id } };
    });
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
  }
  if (outcome) return outcome;
  // Another node won the race; use its project.
  const winnerId = await readInstanceSetting(deps.db, defaultProjectKey);
  const project = winnerId ? await findProject(deps.db, winnerId) : undefined;
  if (!project) throw new Error('default project claimed but not found');
  return { project };
}

/** Thrown inside the bootstrap transaction when another node created the default first. */
class LostRace extends Error {}
