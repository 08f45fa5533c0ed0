import { deleteWebhookEndpoint } from '../../../../core/webhooks/delete-webhook-endpoint.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { WebhookEndpointIdParams } from './webhook-endpoint.schema.js';

/** DELETE /v2/webhookEndpoints/{webhookEndpointID} (WebhookEndpointDelete). */
export const deleteWebhookEndpointRoute: RouteModule = (app, { deps }) => {
  app.delete(
    '/webhookEndpoints/:webhookEndpointID',
    {
      schema: {
        operationId: 'WebhookEndpointDelete',
        tags: ['WebhookEndpoints'],
        summary: 'Delete a webhook endpoint and the deliveries still queued for it',
        params: WebhookEndpointIdParams,
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      await deleteWebhookEndpoint(deps, request.projectId, request.params.webhookEndpointID);
      return genericOkBody(request, reply);
    },
  );
};
