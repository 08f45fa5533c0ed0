import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../src/store/schema.js';
import type { DatabaseKind } from '../databases.js';

/** Every row of every table, as the driver returns them. */
export type Snapshot = Map<string, Record<string, unknown>[]>;

/**
 * Tables and columns a rejected request may legitimately change:
 * - rate_limit_counters: a failed login is counted (that is the point of the limit);
 * - api_secrets.last_used_at: bookkeeping of a successful login, which a 4xx can follow.
 */
const alwaysIgnored: Record<string, string[] | 'table'> = {
  rate_limit_counters: 'table',
  api_secrets: ['last_used_at'],
};

/** Extra columns a rejected request may change, by the `error.code` it was answered with. */
export type IgnoredColumns = Record<string, string[]>;

/**
 * The tables of the migrated database (the Database interface as it is on disk), so tables
 * added later are snapshotted without touching the test. PostgreSQL tests share one server,
 * so only the test's own schema is read.
 */
export async function listTables(db: Kysely<Database>, kind: DatabaseKind): Promise<string[]> {
  const tables = await db.introspection.getTables();
  let schema: string | undefined;
  if (kind === 'postgres') {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    schema = result.rows[0]?.schema;
  }
  return tables
    .filter((table) => !table.isView && (schema === undefined || table.schema === schema))
    .map((table) => table.name)
    .filter((name) => alwaysIgnored[name] !== 'table')
    .sort();
}

/** Reads every row of the given tables. */
export async function takeSnapshot(db: Kysely<Database>, tables: string[]): Promise<Snapshot> {
  const entries = await Promise.all(
    tables.map(async (table) => {
      const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
        db,
      );
      return [table, result.rows] as const;
    }),
  );
  return new Map(entries);
}

function normalise(
  table: string,
  rows: Record<string, unknown>[],
  extra: IgnoredColumns,
): string[] {
  const ignored = new Set([
    ...(Array.isArray(alwaysIgnored[table]) ? alwaysIgnored[table] : []),
    ...(extra[table] ?? []),
  ]);
  return rows
    .map((row) =>
      JSON.stringify(
        Object.entries(row).filter(([column]) => !ignored.has(column)),
        (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value),
      ),
    )
    .sort();
}

/**
 * What changed between two snapshots, as readable lines (empty when nothing did), ignoring
 * the columns a rejected request may change.
 */
export function diffSnapshots(
  before: Snapshot,
  after: Snapshot,
  extraIgnored: IgnoredColumns = {},
): string[] {
  const lines: string[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const old = normalise(table, before.get(table) ?? [], extraIgnored);
    const now = normalise(table, after.get(table) ?? [], extraIgnored);
    const oldSet = new Set(old);
    const nowSet = new Set(now);
    const removed = old.filter((row) => !nowSet.has(row));
    const added = now.filter((row) => !oldSet.has(row));
    for (const row of removed.slice(0, 5)) lines.push(`${table} - ${row}`);
    for (const row of added.slice(0, 5)) lines.push(`${table} + ${row}`);
  }
  return lines;
}

/** One existing object, as a source of path parameters and filter values. */
export interface PoolEntry {
  table: string;
  id: string;
  projectId: string | undefined;
  /** Every string value of the row (to find objects that belong together, e.g. a user's). */
  values: Set<string>;
  row: Record<string, unknown>;
}

/** Every row with a string `id` column, sorted by ID so picks are stable for a given state. */
export function idPool(snapshot: Snapshot): PoolEntry[] {
  const pool: PoolEntry[] = [];
  for (const [table, rows] of snapshot) {
    for (const row of rows) {
      if (typeof row.id !== 'string') continue;
      const projectId =
        table === 'projects'
          ? row.id
          : typeof row.project_id === 'string'
            ? row.project_id
            : undefined;
      const values = new Set(
        Object.values(row).filter((value): value is string => typeof value === 'string'),
      );
      pool.push({ table, id: row.id, projectId, values, row });
    }
  }
  return pool.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
