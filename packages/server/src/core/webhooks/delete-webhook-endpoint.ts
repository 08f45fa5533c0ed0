import { deleteWebhookEndpointRow } from '../../store/webhook-endpoint.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { requireWebhookEndpointId } from './webhook-endpoint-fields.js';

/**
 * Deletes a webhook endpoint; deliveries still queued for it are dropped with it.
 * @throws VALIDATION_FAILED (malformed ID), WEBHOOK_ENDPOINT_NOT_FOUND
 */
export async function deleteWebhookEndpoint(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  endpointId: string,
): Promise<void> {
  const id = requireWebhookEndpointId(endpointId);
  const deleted = await deleteWebhookEndpointRow(deps.db, projectId, id);
  if (!deleted) throw new LatchkeyError('WEBHOOK_ENDPOINT_NOT_FOUND', `no webhook endpoint ${id}`);
}
