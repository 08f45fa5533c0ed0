import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Sets a server-wide value unless it is already set. Returns true when this call set it:
 * of several nodes racing, exactly one wins.
 */
export async function claimInstanceSetting(
  db: Kysely<Database>,
  key: string,
  value: string,
  now: number,
): Promise<boolean> {
  const rows = await db
    .insertInto('instance_settings')
    .values({ key, value, created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return rows.length > 0;
}

export async function readInstanceSetting(
  db: Kysely<Database>,
  key: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('instance_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}
