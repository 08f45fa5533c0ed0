import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { insertWebhookDeliveries } from '../../store/webhook-delivery.store.js';
import { findSubscribedEndpointIds } from '../../store/webhook-endpoint.store.js';
import { type Clock, formatTimestamp } from '../clock.js';
import { newId } from '../ids.js';
import type { Random } from '../random.js';
import type { WebhookEventType } from './webhook-event-types.js';

export interface WebhookEventInput {
  projectId: string;
  type: WebhookEventType;
  /** The event's `data` object (see docs/webhooks.md for each type). */
  data: Record<string, unknown>;
}

/** The JSON body every delivery of an event carries, byte for byte. */
export interface WebhookEventPayload {
  id: string;
  type: WebhookEventType;
  /** When the event happened, `yyyy-MM-ddTHH:mm:ssZ`. */
  timestamp: string;
  timestampMs: number;
  projectID: string;
  data: Record<string, unknown>;
}

export interface EnqueuedWebhookEvent {
  eventId: string;
  /** How many endpoints will receive it. */
  deliveries: number;
}

/**
 * Puts an event into the outbox: one `webhook_deliveries` row per endpoint of the project
 * subscribed to its type. Run it with the transaction of the change that caused the event,
 * so the event exists exactly when the change does (a rolled-back change sends nothing, a
 * committed one is delivered even if the process dies right after). Nothing is sent here;
 * the dispatcher does that.
 */
export async function enqueueWebhookEvent(
  trx: Kysely<Database>,
  event: WebhookEventInput,
  clock: Clock,
  random: Random,
): Promise<EnqueuedWebhookEvent> {
  const eventId = newId('webhookEvent', random);
  const endpointIds = await findSubscribedEndpointIds(trx, event.projectId, event.type);
  if (endpointIds.length === 0) return { eventId, deliveries: 0 };
  const now = clock.now();
  const payload: WebhookEventPayload = {
    id: eventId,
    type: event.type,
    timestamp: formatTimestamp(now),
    timestampMs: now,
    projectID: event.projectId,
    data: event.data,
  };
  const body = JSON.stringify(payload);
  await insertWebhookDeliveries(
    trx,
    endpointIds.map((endpointId) => ({
      id: newId('webhookDelivery', random),
      projectId: event.projectId,
      endpointId,
      eventId,
      eventType: event.type,
      payload: body,
      createdAt: now,
    })),
  );
  return { eventId, deliveries: endpointIds.length };
}
