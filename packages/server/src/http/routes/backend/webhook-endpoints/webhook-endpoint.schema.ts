import { Type } from 'typebox';
import { formatTimestamp } from '../../../../core/clock.js';
import {
  basicAuthPasswordMask,
  type WebhookEndpointRecord,
  webhookEndpointLimits,
} from '../../../../core/webhooks/webhook-endpoint-fields.js';
import {
  isWebhookEventType,
  webhookEventTypes,
} from '../../../../core/webhooks/webhook-event-types.js';
import { StringEnum } from '../../../schemas/common.schema.js';

/** backend_api.yml `webhookEventType`. */
export const WebhookEventType = StringEnum(webhookEventTypes);

export const WebhookEndpointIdParams = Type.Object({
  webhookEndpointID: Type.String({ maxLength: 64, description: 'Format: whe-<number>' }),
});

/** An object of header name → value (checked in full by the core). */
const CustomHeaders = Type.Unsafe<Record<string, string>>({
  type: 'object',
  additionalProperties: { type: 'string', maxLength: webhookEndpointLimits.headerValueLength },
  maxProperties: webhookEndpointLimits.headerCount,
  description: 'Extra request headers for every delivery, name → value',
});

const SubscribedEvents = Type.Array(WebhookEventType, {
  minItems: 1,
  maxItems: webhookEventTypes.length,
  uniqueItems: true,
});

const endpointFields = {
  url: Type.String({ minLength: 1, maxLength: webhookEndpointLimits.urlLength }),
  basicAuthUsername: Type.String({ maxLength: webhookEndpointLimits.basicAuthLength }),
  basicAuthPassword: Type.String({ maxLength: webhookEndpointLimits.basicAuthLength }),
  subscribedEvents: SubscribedEvents,
  customHeaders: CustomHeaders,
};

/** backend_api.yml `webhookEndpointCreateReq`. */
export const WebhookEndpointCreateBody = Type.Object({
  url: endpointFields.url,
  basicAuthUsername: Type.Optional(endpointFields.basicAuthUsername),
  basicAuthPassword: Type.Optional(endpointFields.basicAuthPassword),
  subscribedEvents: endpointFields.subscribedEvents,
  customHeaders: endpointFields.customHeaders,
});

/** backend_api.yml `webhookEndpointUpdateReq`: every field optional. */
export const WebhookEndpointUpdateBody = Type.Object({
  url: Type.Optional(endpointFields.url),
  basicAuthUsername: Type.Optional(endpointFields.basicAuthUsername),
  basicAuthPassword: Type.Optional(endpointFields.basicAuthPassword),
  subscribedEvents: Type.Optional(endpointFields.subscribedEvents),
  customHeaders: Type.Optional(endpointFields.customHeaders),
});

const webhookEndpointProperties = {
  id: Type.String(),
  url: Type.String(),
  basicAuthUsername: Type.String(),
  basicAuthPassword: Type.String({
    description: `Never the password: "${basicAuthPasswordMask}" when one is set, else empty`,
  }),
  customHeaders: Type.Record(Type.String(), Type.String()),
  subscribedEvents: Type.Array(WebhookEventType),
  created: Type.String(),
  createdMs: Type.Integer(),
  updated: Type.String(),
  updatedMs: Type.Integer(),
};

/** backend_api.yml `webhookEndpoint`. */
export const WebhookEndpoint = Type.Object(webhookEndpointProperties, { $id: 'webhookEndpoint' });

/** `webhookEndpoint` plus the signing secret: the create response, the only one that has it. */
export const CreatedWebhookEndpoint = Type.Object(
  {
    ...webhookEndpointProperties,
    signingSecret: Type.String({
      description:
        'Standard Webhooks signing secret (whsec_…). Returned once, by this response only.',
    }),
  },
  { $id: 'createdWebhookEndpoint' },
);

/** backend_api.yml `webhookEndpointList`. */
export const WebhookEndpointList = Type.Object(
  { webhookEndpoints: Type.Array(WebhookEndpoint) },
  { $id: 'webhookEndpointList' },
);

/** The wire shape of an endpoint (`webhookEndpoint`); the password is masked. */
export function toWireWebhookEndpoint(endpoint: WebhookEndpointRecord) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    basicAuthUsername: endpoint.basicAuthUsername,
    basicAuthPassword: endpoint.basicAuthPassword === '' ? '' : basicAuthPasswordMask,
    customHeaders: endpoint.customHeaders,
    // Stored values were validated; the filter keeps the response inside the spec's enum.
    subscribedEvents: endpoint.subscribedEvents.filter(isWebhookEventType),
    created: formatTimestamp(endpoint.createdAt),
    createdMs: endpoint.createdAt,
    updated: formatTimestamp(endpoint.updatedAt),
    updatedMs: endpoint.updatedAt,
  };
}
