import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** One imported AAGUID entry. */
export interface AaguidOverrideRecord {
  aaguid: string;
  name: string;
  iconLight: string;
  iconDark: string;
  importedAt: number;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Rows per INSERT: 5 parameters each stays far below SQLite's and PostgreSQL's limits. */
const insertChunk = 500;

/** Deletes every imported entry and inserts `records`; call inside a transaction. */
export async function replaceAaguidOverrides(
  db: Db,
  records: readonly AaguidOverrideRecord[],
): Promise<void> {
  await db.deleteFrom('aaguid_overrides').execute();
  for (let start = 0; start < records.length; start += insertChunk) {
    const chunk = records.slice(start, start + insertChunk);
    await db
      .insertInto('aaguid_overrides')
      .values(
        chunk.map((r) => ({
          aaguid: r.aaguid,
          name: r.name,
          icon_light: r.iconLight,
          icon_dark: r.iconDark,
          imported_at: r.importedAt,
        })),
      )
      .execute();
  }
}

/** Every imported entry, ordered by AAGUID. */
export async function listAaguidOverrides(db: Db): Promise<AaguidOverrideRecord[]> {
  const rows = await db.selectFrom('aaguid_overrides').selectAll().orderBy('aaguid').execute();
  return rows.map((row) => ({
    aaguid: row.aaguid,
    name: row.name,
    iconLight: row.icon_light,
    iconDark: row.icon_dark,
    importedAt: Number(row.imported_at),
  }));
}
