/** backend_api.yml `webhookEventType`: every event an endpoint can subscribe to. */
export const webhookEventTypes = [
  'passkey-login.completed',
  'passkey.created',
  'passkey.deleted',
  'user.created',
  'user.updated',
  'user.deleted',
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return (webhookEventTypes as readonly unknown[]).includes(value);
}
