import type { ProjectRecord } from '../../store/project.store.js';
import { flowSettingsOf } from './flow-settings.js';
import type { ProcessDeps } from './process-step.js';
import { loadProcess, type ProcessView, renderBlock } from './run-process-step.js';

/**
 * GET /v2/auth/process: the block the process is on, rendered from its context (no errors,
 * nothing written).
 * @throws PROCESS_NOT_FOUND, PROCESS_EXPIRED, PROCESS_FINISHED
 */
export async function getProcess(
  deps: ProcessDeps,
  project: ProjectRecord,
  token: string | undefined,
): Promise<ProcessView> {
  const { block, context } = await loadProcess(deps, project, token);
  return { blockBody: renderBlock({ settings: flowSettingsOf(project) }, { to: block, context }) };
}
