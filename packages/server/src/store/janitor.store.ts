import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** A table whose rows expire: the janitor deletes rows whose `expiresColumn` is in the past. */
export interface ExpiringTable {
  table: keyof Database & string;
  keyColumn: string;
  expiresColumn: string;
  /** Keep rows this long past expiry (so an expired challenge still answers "expired"). */
  graceMs?: number;
}

/**
 * Deletes up to `limit` expired rows of one table and returns how many went. Small batches
 * keep each statement short so it never holds locks long; deleting the same row from two
 * nodes at once is harmless.
 */
export async function deleteExpiredBatch(
  db: Kysely<Database>,
  target: ExpiringTable,
  now: number,
  limit: number,
): Promise<number> {
  const table = sql.table(target.table);
  const key = sql.ref(target.keyColumn);
  const expires = sql.ref(target.expiresColumn);
  const result = await sql`
    delete from ${table} where ${key} in (
      select ${key} from ${table} where ${expires} < ${now - (target.graceMs ?? 0)} limit ${limit}
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
