import { listWebhookEndpoints } from '../../../../core/webhooks/list-webhook-endpoints.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { toWireWebhookEndpoint, WebhookEndpointList } from './webhook-endpoint.schema.js';

/** GET /v2/webhookEndpoints (WebhookEndpointList): every endpoint, no paging (as the spec). */
export const listWebhookEndpointsRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/webhookEndpoints',
    {
      schema: {
        operationId: 'WebhookEndpointList',
        tags: ['WebhookEndpoints'],
        summary: 'List webhook endpoints',
        response: withErrors({ 200: WebhookEndpointList }),
      },
    },
    async (request) => {
      const endpoints = await listWebhookEndpoints(deps, request.projectId);
      return { webhookEndpoints: endpoints.map(toWireWebhookEndpoint) };
    },
  );
};
