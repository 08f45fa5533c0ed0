import type { Kysely } from 'kysely';
import { deleteExpiredBatch, type ExpiringTable } from '../../store/janitor.store.js';
import type { Database } from '../../store/schema.js';
import type { Clock } from '../clock.js';

/** Tables the janitor cleans. Later features add their tables here. */
const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;
const passkeyChallengeGraceMs = 10 * 60 * 1000;

export const expiringTables: ExpiringTable[] = [
  { table: 'rate_limit_counters', keyColumn: 'key', expiresColumn: 'expires_at' },
  { table: 'challenges', keyColumn: 'id', expiresColumn: 'expires_at', graceMs: day },
  { table: 'connect_tokens', keyColumn: 'id', expiresColumn: 'expires_at', graceMs: day },
  { table: 'passkey_events', keyColumn: 'id', expiresColumn: 'expires_at' },
  { table: 'connect_processes', keyColumn: 'id', expiresColumn: 'expires_at', graceMs: hour },
  // One per ceremony, so the table grows with traffic: kept only past the lifetime of the
  // signed passkey data a finished login may still carry (5 minutes, see signed-data/).
  {
    table: 'passkey_challenges',
    keyColumn: 'id',
    expiresColumn: 'expires_at',
    graceMs: passkeyChallengeGraceMs,
  },
  // Set once a delivery succeeded or was given up on.
  { table: 'webhook_deliveries', keyColumn: 'id', expiresColumn: 'expires_at' },
  { table: 'outbound_messages', keyColumn: 'id', expiresColumn: 'expires_at' },
  // Ended sessions stay listable (GET /v2/sessions) for 30 days past their end.
  { table: 'sessions', keyColumn: 'id', expiresColumn: 'expires_at', graceMs: 30 * day },
  // Rotated-out refresh tokens matter only while their session could still be refreshed.
  { table: 'session_retired_tokens', keyColumn: 'token_hash', expiresColumn: 'expires_at' },
  // Frontend API processes: kept a day past expiry so a late step still answers PROCESS_EXPIRED.
  { table: 'auth_processes', keyColumn: 'id', expiresColumn: 'expires_at', graceMs: day },
  // Hosted pages' one-time codes: useless the moment they expire (60 s).
  { table: 'hosted_codes', keyColumn: 'code_hash', expiresColumn: 'expires_at' },
];

export interface Janitor {
  /** One full pass over every table; returns rows deleted per table. */
  runOnce(): Promise<Record<string, number>>;
  start(): void;
  stop(): Promise<void>;
}

export interface JanitorOptions {
  db: Kysely<Database>;
  clock: Clock;
  tables?: ExpiringTable[];
  intervalMs: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Deletes expired rows in small batches on an interval. Safe on several nodes at once: each
 * batch is one short DELETE, and deleting an already-deleted row does nothing.
 */
export function createJanitor(options: JanitorOptions): Janitor {
  const tables = options.tables ?? expiringTables;
  const batchSize = options.batchSize ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function runOnce(): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const table of tables) {
      let total = 0;
      for (;;) {
        const count = await deleteExpiredBatch(options.db, table, options.clock.now(), batchSize);
        total += count;
        deleted[table.table] = total;
        if (count < batchSize) break;
        // Let requests in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return deleted;
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = runOnce()
          .catch((error) => options.onError?.(error))
          .finally(() => {
            running = undefined;
          });
      }, options.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
