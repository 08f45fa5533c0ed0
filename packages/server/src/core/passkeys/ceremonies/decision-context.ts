import { findClientEnvByHandle } from '../../../store/client-env.store.js';
import { type CredentialRecord, listUserCredentials } from '../../../store/credential.store.js';
import { listLivePasskeyEvents } from '../../../store/passkey-event.store.js';
import type { CoreDeps } from '../../deps.js';
import type { ClientInformation } from '../../events/client-information.js';
import type { DecisionInput } from '../decision/decision-input.js';
import { clientEnvHandleOf } from './client-env-handle.js';

/** Passkey events the decision engine looks at: the newest ones are plenty. */
const eventsConsidered = 100;

/**
 * What the decision engine needs about a user on this client: their passkeys, their live
 * passkey events and this client's environment ID (if it was seen before). Three indexed reads.
 */
export async function loadDecisionInput(
  deps: CoreDeps,
  input: { projectId: string; userId: string; client: ClientInformation },
): Promise<DecisionInput & { credentials: CredentialRecord[] }> {
  const now = deps.clock.now();
  const [credentials, events, env] = await Promise.all([
    listUserCredentials(deps.db, input.projectId, input.userId),
    listLivePasskeyEvents(deps.db, {
      projectId: input.projectId,
      userId: input.userId,
      now,
      limit: eventsConsidered,
    }),
    findClientEnvByHandle(deps.db, input.projectId, input.userId, clientEnvHandleOf(input.client)),
  ]);
  return { client: input.client, clientEnvId: env?.id ?? null, credentials, events, now };
}
