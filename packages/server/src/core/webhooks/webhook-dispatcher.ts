import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import {
  claimDelivery,
  type DeliveryOutcome,
  deleteDelivery,
  findDueDeliveryIds,
  finishDeliveryAttempt,
  type WebhookDeliveryRecord,
} from '../../store/webhook-delivery.store.js';
import {
  findWebhookEndpointById,
  type WebhookEndpointRecord,
} from '../../store/webhook-endpoint.store.js';
import type { Clock } from '../clock.js';
import { signWebhook } from './signature.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * How long to wait after each failed attempt: 10 retries after the first try, about 23.7 hours
 * in all (plus jitter), then the delivery is given up on.
 */
export const defaultRetryDelaysMs: readonly number[] = [
  5 * second,
  30 * second,
  2 * minute,
  10 * minute,
  30 * minute,
  1 * hour,
  2 * hour,
  4 * hour,
  8 * hour,
  8 * hour,
];

/** Delivered and failed rows stay this long (for diagnosis) before the janitor removes them. */
export const deliveryRetentionMs = 7 * 24 * hour;

/** The longest `last_error` kept; it never holds secrets (no URL, headers or body). */
const maxErrorLength = 500;

export interface WebhookDispatcherLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface WebhookDispatcherOptions {
  db: Kysely<Database>;
  clock: Clock;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  logger?: WebhookDispatcherLogger;
  /** Pause between polls when nothing was due. */
  pollIntervalMs: number;
  /** Requests in flight at once (per dispatcher). */
  concurrency: number;
  /** Due rows looked at per poll. Default 100. */
  batchSize?: number;
  /** A receiver that has not answered by then counts as a failed attempt. Default 10 s. */
  requestTimeoutMs?: number;
  /**
   * How long a claimed row stays leased. It must comfortably exceed the request timeout: a
   * lease that runs out mid-request lets another worker send the same attempt again.
   * Default 30 s. After a crash, the rows it held are retried once their leases run out.
   */
  leaseMs?: number;
  retryDelaysMs?: readonly number[];
  /** A number in [0, 1); each retry delay is stretched by up to 20 % of it. Default Math.random. */
  jitter?: () => number;
  /** On stop, how long requests in flight may take before they are cut off. Default 2 s. */
  stopGraceMs?: number;
}

/** What one poll did. */
export interface WebhookDispatchReport {
  /** Deliveries this dispatcher claimed and attempted. */
  attempted: number;
  delivered: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  /** Deliveries given up on. */
  failed: number;
}

export interface WebhookDispatcher {
  /** One poll: attempts every due delivery (up to the batch size) that it can claim. */
  runOnce(): Promise<WebhookDispatchReport>;
  /** Polls every `pollIntervalMs` (at once again after a full batch) until stopped. */
  start(): void;
  /** Stops polling and waits for the poll in progress; cut-off requests are retried later. */
  stop(): Promise<void>;
}

type AttemptResult = { ok: true } | { ok: false; error: string; interrupted?: boolean };

/**
 * The delivery worker for the webhook outbox. Rows are claimed one at a time with a guarded
 * UPDATE that leases them (`locked_until`), so any number of dispatchers on any number of
 * nodes share one database without sending the same attempt twice. Delivery is at least once:
 * the outcome is recorded after the request, so a crash in between means the row is sent
 * again when its lease runs out, never lost. The `webhook-id` header stays the event ID on
 * every attempt, so receivers can drop repeats.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { db, clock } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const batchSize = options.batchSize ?? 100;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10 * second;
  const leaseMs = options.leaseMs ?? 30 * second;
  const retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const jitter = options.jitter ?? Math.random;
  const stopGraceMs = options.stopGraceMs ?? 2 * second;
  const concurrency = Math.max(1, options.concurrency);

  const inFlight = new Set<AbortController>();
  let stopping = false;
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;

  async function attempt(
    endpoint: WebhookEndpointRecord,
    delivery: WebhookDeliveryRecord,
  ): Promise<AttemptResult> {
    const timestamp = Math.floor(clock.now() / 1000);
    const headers = new Headers({ 'user-agent': 'Latchkey-Webhooks/1' });
    // Custom headers cannot use the names set below (see webhook-endpoint-fields.ts).
    for (const [name, value] of Object.entries(endpoint.customHeaders)) headers.set(name, value);
    headers.set('content-type', 'application/json');
    headers.set('webhook-id', delivery.eventId);
    headers.set('webhook-timestamp', String(timestamp));
    headers.set(
      'webhook-signature',
      signWebhook(endpoint.signingSecret, delivery.eventId, timestamp, delivery.payload),
    );
    if (endpoint.basicAuthUsername !== '') {
      const credentials = `${endpoint.basicAuthUsername}:${endpoint.basicAuthPassword}`;
      headers.set('authorization', `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`);
    }
    const controller = new AbortController();
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, requestTimeoutMs);
    inFlight.add(controller);
    try {
      const response = await fetchImpl(endpoint.url, {
        method: 'POST',
        headers,
        body: delivery.payload,
        // A redirect is a failed attempt: following it would send the body and the
        // credentials to a URL nobody configured.
        redirect: 'manual',
        signal: controller.signal,
      });
      // Only the status matters; drop the body so the connection can be reused.
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) return { ok: true };
      return { ok: false, error: `HTTP ${response.status}` };
    } catch (error) {
      if (timedOut) return { ok: false, error: `no answer within ${requestTimeoutMs} ms` };
      if (controller.signal.aborted) {
        return { ok: false, error: 'interrupted by shutdown', interrupted: true };
      }
      return { ok: false, error: describeError(error) };
    } finally {
      clearTimeout(timeout);
      inFlight.delete(controller);
    }
  }

  /** Claims, sends and records one delivery; undefined when another worker had it. */
  async function deliverOne(id: string): Promise<'delivered' | 'retrying' | 'failed' | undefined> {
    const claimedAt = clock.now();
    const lockedUntil = claimedAt + leaseMs;
    const delivery = await claimDelivery(db, id, claimedAt, lockedUntil);
    if (!delivery) return undefined;
    const endpoint = await findWebhookEndpointById(db, delivery.endpointId);
    if (!endpoint) {
      // Deleting an endpoint cascades to its deliveries; this row lost that race.
      await deleteDelivery(db, id);
      return undefined;
    }
    const result = await attempt(endpoint, delivery);
    const now = clock.now();
    let outcome: DeliveryOutcome;
    if (result.ok) {
      outcome = { status: 'delivered', at: now, expiresAt: now + deliveryRetentionMs };
    } else if (result.interrupted) {
      outcome = { status: 'pending', nextAttemptAt: now, lastError: result.error };
    } else if (delivery.attempts > retryDelaysMs.length) {
      outcome = { status: 'failed', expiresAt: now + deliveryRetentionMs, lastError: result.error };
    } else {
      const base = retryDelaysMs[delivery.attempts - 1] ?? 0;
      const delay = Math.round(base * (1 + 0.2 * jitter()));
      outcome = { status: 'pending', nextAttemptAt: now + delay, lastError: result.error };
    }
    const recorded = await finishDeliveryAttempt(db, id, lockedUntil, outcome);
    const details = {
      deliveryId: id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      endpointId: endpoint.id,
      attempt: delivery.attempts,
    };
    if (!recorded) {
      options.logger?.warn(details, 'webhook delivery lease ran out before its outcome was saved');
    }
    if (outcome.status === 'failed') {
      options.logger?.warn(
        { ...details, error: outcome.lastError },
        'webhook delivery failed for good',
      );
    } else if (outcome.status === 'pending') {
      options.logger?.warn(
        { ...details, error: outcome.lastError, nextAttemptAt: outcome.nextAttemptAt },
        'webhook delivery attempt failed; will retry',
      );
    }
    return outcome.status === 'pending' ? 'retrying' : outcome.status;
  }

  async function poll(): Promise<{ report: WebhookDispatchReport; due: number }> {
    const report: WebhookDispatchReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
    const ids = await findDueDeliveryIds(db, clock.now(), batchSize);
    let next = 0;
    // Each worker claims a row only right before sending it, so no lease ages in a queue.
    const worker = async () => {
      while (next < ids.length && !stopping) {
        const id = ids[next++] as string;
        try {
          const status = await deliverOne(id);
          if (status === undefined) continue;
          report.attempted++;
          report[status]++;
        } catch (error) {
          options.logger?.error({ err: error, deliveryId: id }, 'webhook delivery errored');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
    return { report, due: ids.length };
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      timer = undefined;
      polling = poll()
        .then(
          ({ due }) => due,
          (error: unknown) => {
            options.logger?.error({ err: error }, 'webhook dispatcher poll failed');
            return 0;
          },
        )
        .then((due) => {
          polling = undefined;
          if (started) schedule(due >= batchSize ? 0 : options.pollIntervalMs);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    async runOnce() {
      return (await poll()).report;
    },
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const current = polling;
      if (!current) return;
      stopping = true;
      let graceTimer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        graceTimer = setTimeout(resolve, stopGraceMs);
      });
      await Promise.race([current, grace]);
      clearTimeout(graceTimer);
      for (const controller of inFlight) controller.abort();
      await current;
      stopping = false;
    },
  };
}

/** A short, secret-free description of a network error (fetch wraps the cause). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'request failed';
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof cause?.message === 'string'
        ? cause.message
        : '';
  const text = detail ? `${error.message} (${detail})` : error.message;
  return text.slice(0, maxErrorLength);
}
