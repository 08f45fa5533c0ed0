import {
  updateWebhookEndpointRow,
  type WebhookEndpointChanges,
  type WebhookEndpointRecord,
} from '../../store/webhook-endpoint.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import {
  basicAuthPasswordMask,
  checkBasicAuthPair,
  requireWebhookEndpointId,
  validateBasicAuthPassword,
  validateBasicAuthUsername,
  validateCustomHeaders,
  validateSubscribedEvents,
  validateWebhookUrl,
} from './webhook-endpoint-fields.js';

export interface UpdateWebhookEndpointInput {
  url?: unknown;
  basicAuthUsername?: unknown;
  basicAuthPassword?: unknown;
  subscribedEvents?: unknown;
  customHeaders?: unknown;
}

/**
 * Changes the fields given and keeps the others. A `basicAuthPassword` equal to the mask
 * responses show keeps the stored password, so a client may send back what it read.
 * Deliveries still queued go out with the endpoint's settings at the time they are sent.
 * @throws VALIDATION_FAILED naming the field, WEBHOOK_ENDPOINT_NOT_FOUND
 */
export async function updateWebhookEndpoint(
  deps: CoreDeps,
  projectId: string,
  endpointId: string,
  input: UpdateWebhookEndpointInput,
): Promise<WebhookEndpointRecord> {
  const id = requireWebhookEndpointId(endpointId);
  const changes: WebhookEndpointChanges = {};
  if (input.url !== undefined) changes.url = validateWebhookUrl(input.url);
  if (input.basicAuthUsername !== undefined) {
    changes.basicAuthUsername = validateBasicAuthUsername(input.basicAuthUsername);
  }
  if (input.basicAuthPassword !== undefined) {
    const password = validateBasicAuthPassword(input.basicAuthPassword);
    if (password !== basicAuthPasswordMask) changes.basicAuthPassword = password;
  }
  if (input.subscribedEvents !== undefined) {
    changes.subscribedEvents = validateSubscribedEvents(input.subscribedEvents);
  }
  if (input.customHeaders !== undefined) {
    changes.customHeaders = validateCustomHeaders(input.customHeaders);
  }

  const notFound = () =>
    new LatchkeyError('WEBHOOK_ENDPOINT_NOT_FOUND', `no webhook endpoint ${id}`);
  return deps.db.transaction().execute(async (trx) => {
    const updated = await updateWebhookEndpointRow(trx, projectId, id, changes, deps.clock.now());
    if (!updated) throw notFound();
    // The pair is checked on the result, so clearing the user name alone is refused while a
    // password is stored; the transaction rolls the change back.
    checkBasicAuthPair(updated.basicAuthUsername, updated.basicAuthPassword);
    return updated;
  });
}
