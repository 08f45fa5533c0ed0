import type { ProjectRecord } from '../../store/project.store.js';
import { createPasskeyEvent } from '../events/create-passkey-event.js';
import { passkeyEventTypes, validateEnum, validateText } from '../events/event-fields.js';
import type { RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { ConnectDeps } from './connect-deps.js';
import { requireConnectProcess } from './connect-process.js';

/**
 * spec_v2.yaml `passkeyEventType`: what a browser may report, the Backend API's types except
 * the two only a backend decides (`user-login-blacklisted`, `login-no-credentials`).
 */
export const connectEventTypes = passkeyEventTypes.filter(
  (type) => type !== 'user-login-blacklisted' && type !== 'login-no-credentials',
);

/** Events a client may report in one process: enough for any real UI, not for flooding. */
export const connectEventRule: RateLimitRule = {
  name: 'connect-event',
  limit: 20,
  windowMs: 15 * 60 * 1000,
};

/**
 * `POST /v2/connect/events`: records what the UI saw (an aborted append, a failed login, …)
 * as a passkey event of the process's user, for this client (its `clientEnvHandle`), so the
 * decision engine counts it on the next start. Before a start has named the user there is
 * nobody to record it for: the event is accepted and dropped.
 * @throws CONNECT_PROCESS_INVALID, VALIDATION_FAILED, RATE_LIMITED
 */
export async function recordConnectEvent(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: { processToken: unknown; eventType: unknown; challenge: unknown },
): Promise<void> {
  const process = await requireConnectProcess(deps, project.id, input.processToken, 'any');
  const eventType = validateEnum('eventType', input.eventType, connectEventTypes);
  const challenge = validateText('challenge', input.challenge, 256, { required: false });
  await deps.rateLimiter.consume(connectEventRule, process.id);
  if (process.userId === null) return;
  const handle = process.clientInformation.clientEnvHandle;
  await createPasskeyEvent(deps, project.id, process.userId, {
    eventType,
    processID: process.id,
    ...(typeof handle === 'string' && { clientEnvID: handle }),
    ...(challenge !== null && { challenge }),
  });
}
