import type { ProjectRecord } from '../../store/project.store.js';
import { createPasskeyEvent } from '../events/create-passkey-event.js';
import type { ProcessDeps } from './process-step.js';
import { loadProcess } from './run-process-step.js';

/**
 * POST /v2/auth/events: a passkey event the client saw (an aborted or failed ceremony, …) for
 * the process's user, recorded as the Backend API's passkey events are, so the decision rules
 * count it. A process that has no user yet (a conditional-UI abort before any identifier)
 * records nothing: there is no one to count it for (docs/process-flows.md).
 * @throws PROCESS_NOT_FOUND, PROCESS_EXPIRED, PROCESS_FINISHED, VALIDATION_FAILED
 */
export async function recordProcessEvent(
  deps: ProcessDeps,
  project: ProjectRecord,
  token: string | undefined,
  input: { eventType: string; challenge?: string | undefined },
): Promise<void> {
  const { process, context } = await loadProcess(deps, project, token);
  if (!context.userId) return;
  await createPasskeyEvent(deps, project.id, context.userId, {
    eventType: input.eventType,
    processID: process.id,
    ...(input.challenge !== undefined && { challenge: input.challenge }),
  });
}
