import {
  listWebhookEndpoints as listEndpointRows,
  type WebhookEndpointRecord,
} from '../../store/webhook-endpoint.store.js';
import type { CoreDeps } from '../deps.js';

/** Every webhook endpoint of a project, oldest first (the spec's list has no paging). */
export async function listWebhookEndpoints(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
): Promise<WebhookEndpointRecord[]> {
  return listEndpointRows(deps.db, projectId);
}
