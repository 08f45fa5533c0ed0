import {
  countWebhookEndpoints,
  insertWebhookEndpoint,
  type WebhookEndpointRecord,
} from '../../store/webhook-endpoint.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { newId } from '../ids.js';
import { newSigningSecret } from './signature.js';
import {
  basicAuthPasswordMask,
  checkBasicAuthPair,
  validateBasicAuthPassword,
  validateBasicAuthUsername,
  validateCustomHeaders,
  validateSubscribedEvents,
  validateWebhookUrl,
  webhookEndpointLimits,
} from './webhook-endpoint-fields.js';

export interface CreateWebhookEndpointInput {
  url: unknown;
  basicAuthUsername?: unknown;
  basicAuthPassword?: unknown;
  subscribedEvents: unknown;
  customHeaders: unknown;
}

/**
 * Creates a webhook endpoint with a new Standard Webhooks signing secret. The record carries
 * the secret; the API returns it in this one response only.
 * @throws VALIDATION_FAILED naming the field; CONFLICT when the project has the most
 * endpoints it may have.
 */
export async function createWebhookEndpoint(
  deps: CoreDeps,
  projectId: string,
  input: CreateWebhookEndpointInput,
): Promise<WebhookEndpointRecord> {
  const url = validateWebhookUrl(input.url);
  const basicAuthUsername =
    input.basicAuthUsername === undefined ? '' : validateBasicAuthUsername(input.basicAuthUsername);
  const basicAuthPassword =
    input.basicAuthPassword === undefined ? '' : validateBasicAuthPassword(input.basicAuthPassword);
  if (basicAuthPassword === basicAuthPasswordMask) {
    // The mask is what responses show in place of a password; as input it means "unchanged".
    throw invalidField('basicAuthPassword', 'must not be the mask responses show');
  }
  checkBasicAuthPair(basicAuthUsername, basicAuthPassword);
  const subscribedEvents = validateSubscribedEvents(input.subscribedEvents);
  const customHeaders = validateCustomHeaders(input.customHeaders);

  const now = deps.clock.now();
  const endpoint: WebhookEndpointRecord = {
    id: newId('webhookEndpoint', deps.random),
    projectId,
    url,
    basicAuthUsername,
    basicAuthPassword,
    customHeaders,
    subscribedEvents,
    signingSecret: newSigningSecret(deps.random),
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    // A soft cap: two creates racing on PostgreSQL may both pass it, which is harmless; it
    // exists to bound the fan-out of each event, not to count exactly.
    const count = await countWebhookEndpoints(trx, projectId);
    if (count >= webhookEndpointLimits.endpointsPerProject) {
      throw new LatchkeyError(
        'CONFLICT',
        `a project can have at most ${webhookEndpointLimits.endpointsPerProject} webhook endpoints`,
      );
    }
    await insertWebhookEndpoint(trx, endpoint);
  });
  return endpoint;
}
