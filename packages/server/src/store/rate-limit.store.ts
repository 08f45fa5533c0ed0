import { type Kysely, sql } from 'kysely';
import { preparedQuery } from './prepared-query.js';
import type { Database } from './schema.js';

export interface CounterState {
  count: number;
  expiresAt: number;
}

/**
 * Adds one to a fixed-window counter in a single atomic upsert, starting a new window when
 * the old one has expired. Returns the count after the increment. Works the same on SQLite
 * and PostgreSQL, so several nodes share one counter.
 */
export async function incrementCounter(
  db: Kysely<Database>,
  key: string,
  now: number,
  windowMs: number,
): Promise<CounterState> {
  const expired = sql<boolean>`rate_limit_counters.expires_at <= ${now}`;
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ key, count: 1, window_started_at: now, expires_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when ${expired} then 1 else rate_limit_counters.count + 1 end`,
        window_started_at: sql<number>`case when ${expired} then ${now} else rate_limit_counters.window_started_at end`,
        expires_at: sql<number>`case when ${expired} then ${now + windowMs} else rate_limit_counters.expires_at end`,
      }),
    )
    .returning(['count', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), expiresAt: Number(row.expires_at) };
}

/** The counter's live state, or undefined when it does not exist or its window is over. */
const selectLiveCounter = preparedQuery((db, args: { key: string; now: number }) =>
  db
    .selectFrom('rate_limit_counters')
    .select(['count', 'expires_at'])
    .where('key', '=', args.key)
    .where('expires_at', '>', args.now),
);

export async function readCounter(
  db: Kysely<Database>,
  key: string,
  now: number,
): Promise<CounterState | undefined> {
  const [row] = (await selectLiveCounter(db, { key, now })).rows;
  return row ? { count: Number(row.count), expiresAt: Number(row.expires_at) } : undefined;
}

export async function deleteCounter(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('rate_limit_counters').where('key', '=', key).execute();
}
