import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Clock } from '../clock.js';
import { LatchkeyError } from '../errors.js';
import type { CounterStore } from './counter-store.js';
import { createDatabaseCounters } from './database-counters.js';

/** A limit: at most `limit` events per `windowMs` for one subject. */
export interface RateLimitRule {
  /** Namespaces the counters; stable, e.g. `backend-auth-failure`. */
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** @throws RATE_LIMITED when the subject has already used up the rule's budget. */
  assertAllowed(rule: RateLimitRule, subject: string): Promise<void>;
  /** Counts one event for the subject. */
  record(rule: RateLimitRule, subject: string): Promise<void>;
  /** Counts one event and throws RATE_LIMITED when that goes over the budget. */
  consume(rule: RateLimitRule, subject: string): Promise<void>;
}

/**
 * Fixed-window rate limiting with shared counters (the database, or Redis when `counters` is
 * the Redis adapter), so every node sees the same counts. The general mechanism: each feature
 * declares its rules and calls it.
 */
export function createRateLimiter(deps: {
  db: Kysely<Database>;
  clock: Clock;
  counters?: CounterStore;
}): RateLimiter {
  const counters = deps.counters ?? createDatabaseCounters(deps.db);
  const keyOf = (rule: RateLimitRule, subject: string) => `${rule.name}:${subject}`.slice(0, 300);
  const limited = (expiresAt: number, now: number) =>
    new LatchkeyError('RATE_LIMITED', 'too many requests; try again later', {
      retryAfterSeconds: Math.max(1, Math.ceil((expiresAt - now) / 1000)),
    });
  return {
    async assertAllowed(rule, subject) {
      const now = deps.clock.now();
      const state = await counters.read(keyOf(rule, subject), now);
      if (state && state.count >= rule.limit) throw limited(state.expiresAt, now);
    },
    async record(rule, subject) {
      await counters.increment(keyOf(rule, subject), deps.clock.now(), rule.windowMs);
    },
    async consume(rule, subject) {
      const now = deps.clock.now();
      const state = await counters.increment(keyOf(rule, subject), now, rule.windowMs);
      if (state.count > rule.limit) throw limited(state.expiresAt, now);
    },
  };
}
