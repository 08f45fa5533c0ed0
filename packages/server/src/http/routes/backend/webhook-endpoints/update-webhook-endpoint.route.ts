import { updateWebhookEndpoint } from '../../../../core/webhooks/update-webhook-endpoint.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  toWireWebhookEndpoint,
  WebhookEndpoint,
  WebhookEndpointIdParams,
  WebhookEndpointUpdateBody,
} from './webhook-endpoint.schema.js';

/** PUT /v2/webhookEndpoints/{webhookEndpointID} (WebhookEndpointUpdate): given fields only. */
export const updateWebhookEndpointRoute: RouteModule = (app, { deps }) => {
  app.put(
    '/webhookEndpoints/:webhookEndpointID',
    {
      schema: {
        operationId: 'WebhookEndpointUpdate',
        tags: ['WebhookEndpoints'],
        summary: 'Update a webhook endpoint',
        params: WebhookEndpointIdParams,
        body: WebhookEndpointUpdateBody,
        response: withErrors({ 200: WebhookEndpoint }),
      },
    },
    async (request) => {
      const endpoint = await updateWebhookEndpoint(
        deps,
        request.projectId,
        request.params.webhookEndpointID,
        request.body,
      );
      return toWireWebhookEndpoint(endpoint);
    },
  );
};
