import { findClientEnvByHandle, touchClientEnv } from '../../../store/client-env.store.js';
import { type CredentialRecord, listUserCredentials } from '../../../store/credential.store.js';
import { listLivePasskeyEvents } from '../../../store/passkey-event.store.js';
import type { CoreDeps } from '../../deps.js';
import type { ClientInformation } from '../../events/client-information.js';
import type { DecisionInput } from '../decision/decision-input.js';
import { clientEnvHandleOf } from './client-env-handle.js';

/** How stale a client environment's last-seen time may get before a start refreshes it. */
export const clientEnvTouchIntervalMs = 60 * 60 * 1000;

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
    listLivePasskeyEvents(deps.db, { projectId: input.projectId, userId: input.userId, now }),
    findClientEnvByHandle(deps.db, input.projectId, input.userId, clientEnvHandleOf(input.client)),
  ]);
  // A client seen before is refreshed here, at most once per interval, so that a login's
  // finish need not write it again (the challenge carries its ID).
  if (env && env.lastSeenAt < now - clientEnvTouchIntervalMs) {
    await touchClientEnv(deps.db, env.id, now);
  }
  return { client: input.client, clientEnvId: env?.id ?? null, credentials, events, now };
}
