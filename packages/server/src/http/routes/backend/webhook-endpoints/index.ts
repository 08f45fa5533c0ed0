import type { RouteModule } from '../../../route-context.js';
import { createWebhookEndpointRoute } from './create-webhook-endpoint.route.js';
import { deleteWebhookEndpointRoute } from './delete-webhook-endpoint.route.js';
import { listWebhookEndpointsRoute } from './list-webhook-endpoints.route.js';
import { updateWebhookEndpointRoute } from './update-webhook-endpoint.route.js';

export const webhookEndpointsRoutes: RouteModule[] = [
  listWebhookEndpointsRoute,
  createWebhookEndpointRoute,
  updateWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
];
