import type { Kysely, Selectable } from 'kysely';
import type { Database, WebhookDeliveryTable } from './schema.js';

type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryRecord {
  id: string;
  projectId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** The JSON body, exactly as it is signed and sent. */
  payload: string;
  status: WebhookDeliveryStatus;
  /** Attempts started so far (counted when a worker claims the row). */
  attempts: number;
  nextAttemptAt: number;
  lockedUntil: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  expiresAt: number | null;
}

export interface NewWebhookDelivery {
  id: string;
  projectId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: string;
  createdAt: number;
}

function toRecord(row: WebhookDeliveryRow): WebhookDeliveryRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    status: row.status as WebhookDeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

/** Queues deliveries, due at once. */
export async function insertWebhookDeliveries(
  db: Kysely<Database>,
  deliveries: NewWebhookDelivery[],
): Promise<void> {
  if (deliveries.length === 0) return;
  await db
    .insertInto('webhook_deliveries')
    .values(
      deliveries.map((delivery) => ({
        id: delivery.id,
        project_id: delivery.projectId,
        endpoint_id: delivery.endpointId,
        event_id: delivery.eventId,
        event_type: delivery.eventType,
        payload: delivery.payload,
        status: 'pending',
        attempts: 0,
        next_attempt_at: delivery.createdAt,
        locked_until: null,
        created_at: delivery.createdAt,
      })),
    )
    .execute();
}

/**
 * IDs of pending deliveries that are due and not leased, earliest first (the
 * `webhook_deliveries_due` index). Only candidates: a worker must still claim each one.
 */
export async function findDueDeliveryIds(
  db: Kysely<Database>,
  now: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Leases one due delivery until `lockedUntil` and counts the attempt, in one guarded UPDATE:
 * of several workers (on any number of nodes) racing for the same row, exactly one gets it.
 * Undefined when the row is gone, not due, or leased by someone else.
 */
export async function claimDelivery(
  db: Kysely<Database>,
  id: string,
  now: number,
  lockedUntil: number,
): Promise<WebhookDeliveryRecord | undefined> {
  const row = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** What became of an attempt; applied only while the worker still holds its lease. */
export type DeliveryOutcome =
  | { status: 'delivered'; at: number; expiresAt: number }
  | { status: 'pending'; nextAttemptAt: number; lastError: string }
  | { status: 'failed'; expiresAt: number; lastError: string };

/**
 * Records an attempt's outcome and releases the lease. False when the lease was lost (it
 * ran out and another worker took the row), in which case the row is left to that worker.
 */
export async function finishDeliveryAttempt(
  db: Kysely<Database>,
  id: string,
  lockedUntil: number,
  outcome: DeliveryOutcome,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.status,
      locked_until: null,
      ...(outcome.status === 'delivered'
        ? { delivered_at: outcome.at, expires_at: outcome.expiresAt, last_error: null }
        : outcome.status === 'pending'
          ? { next_attempt_at: outcome.nextAttemptAt, last_error: outcome.lastError }
          : { expires_at: outcome.expiresAt, last_error: outcome.lastError }),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('locked_until', '=', lockedUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes a delivery whose endpoint no longer exists. */
export async function deleteDelivery(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('id', '=', id).execute();
}
