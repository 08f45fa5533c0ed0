import { createWebhookEndpoint } from '../../../../core/webhooks/create-webhook-endpoint.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  CreatedWebhookEndpoint,
  toWireWebhookEndpoint,
  WebhookEndpointCreateBody,
} from './webhook-endpoint.schema.js';

/**
 * POST /v2/webhookEndpoints (WebhookEndpointCreate). Answers `webhookEndpoint` plus
 * `signingSecret`, which no other response carries.
 */
export const createWebhookEndpointRoute: RouteModule = (app, { deps }) => {
  app.post(
    '/webhookEndpoints',
    {
      schema: {
        operationId: 'WebhookEndpointCreate',
        tags: ['WebhookEndpoints'],
        summary: 'Create a webhook endpoint (the signing secret is returned this once)',
        body: WebhookEndpointCreateBody,
        response: withErrors({ 200: CreatedWebhookEndpoint }),
      },
    },
    async (request) => {
      const endpoint = await createWebhookEndpoint(deps, request.projectId, request.body);
      return { ...toWireWebhookEndpoint(endpoint), signingSecret: endpoint.signingSecret };
    },
  );
};
