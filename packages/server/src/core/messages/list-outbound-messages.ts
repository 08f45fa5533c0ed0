import {
  listOutboundMessages as listOutboundMessageRows,
  type OutboundMessageRecord,
} from '../../store/outbound-message.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField } from '../errors.js';
import { parseId } from '../ids.js';

export type { OutboundMessageRecord } from '../../store/outbound-message.store.js';

/** The most `latchkey mails` shows at once. */
export const maxOutboundMessageLimit = 1000;

/**
 * The dev outbox, newest first: what the dev transports kept in the last 24 hours, of one
 * project or of all.
 * @throws VALIDATION_FAILED naming `project` or `limit`.
 */
export async function listOutboundMessages(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { projectId?: string | undefined; limit?: number | undefined },
): Promise<OutboundMessageRecord[]> {
  let projectId: string | undefined;
  if (input.projectId !== undefined) {
    projectId = parseId('project', input.projectId);
    if (!projectId)
      throw invalidField('project', 'must be a project ID like pro-1234567890123456789');
  }
  const limit = input.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxOutboundMessageLimit) {
    throw invalidField('limit', `must be a whole number from 1 to ${maxOutboundMessageLimit}`);
  }
  return listOutboundMessageRows(deps.db, { projectId, limit, now: deps.clock.now() });
}
