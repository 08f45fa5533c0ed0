import type { Kysely } from 'kysely';
import { incrementCounter, readCounter } from '../../store/rate-limit.store.js';
import type { Database } from '../../store/schema.js';
import type { CounterStore } from './counter-store.js';

/** Counters in the `rate_limit_counters` table (one atomic upsert per increment). */
export function createDatabaseCounters(db: Kysely<Database>): CounterStore {
  return {
    kind: 'database',
    increment: (key, now, windowMs) => incrementCounter(db, key, now, windowMs),
    read: (key, now) => readCounter(db, key, now),
  };
}
