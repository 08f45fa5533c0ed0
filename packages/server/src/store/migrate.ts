import {
  type Kysely,
  type MigrationResultSet,
  Migrator,
  PostgresAdapter,
  SqliteAdapter,
  sql,
} from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export interface MigrationReport {
  /** Names of migrations this call applied (empty when the schema was current). */
  applied: string[];
}

export interface MigrateOptions {
  /** Called once per migration applied, for progress output. */
  onApplied?: (name: string) => void;
  /** How many times to retry when another process holds the lock (SQLite). */
  attempts?: number;
}

/**
 * Applies every pending migration, all or nothing. Safe to run from several processes at
 * once: on PostgreSQL Kysely serialises migrators with an advisory lock inside one
 * transaction; on SQLite the whole run holds the write lock in one transaction (see
 * runLockedOnSqlite), so a second process waits and then finds nothing left to do.
 * @throws the migration's own error when a migration fails (its transaction is rolled back).
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const attempts = options.attempts ?? 20;
  for (let attempt = 1; ; attempt++) {
    const result: MigrationResultSet =
      db.getExecutor().adapter instanceof SqliteAdapter
        ? await runLockedOnSqlite(db)
        : await (await createMigrator(db)).migrateToLatest();
    if (result.error === undefined) {
      const applied = (result.results ?? [])
        .filter((r) => r.status === 'Success')
        .map((r) => r.migrationName);
      for (const name of applied) options.onApplied?.(name);
      return { applied };
    }
    if (attempt >= attempts || !isLockContention(result.error)) throw result.error;
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

/**
 * Kysely takes no lock on SQLite and runs each migration statement on its own, outside any
 * transaction (its SQLite adapter reports no transactional DDL). Two processes migrating a
 * fresh file would then both create the same tables ("table already exists"), and a process
 * killed between two statements of a migration would leave a half-made schema that no later
 * start can get past. SQLite does run DDL inside transactions, so the whole run goes into one
 * BEGIN IMMEDIATE: it takes the database's write lock at once (waiting up to the busy
 * timeout for another migrator), and it commits every migration with its bookkeeping row,
 * or nothing.
 */
async function runLockedOnSqlite(db: Kysely<Database>): Promise<MigrationResultSet> {
  return db.connection().execute(async (connection) => {
    try {
      await sql`begin immediate`.execute(connection);
    } catch (error) {
      return { error };
    }
    let result: MigrationResultSet;
    try {
      result = await new Migrator({
        db: connection,
        provider: { getMigrations: async () => migrations },
      }).migrateToLatest();
    } catch (error) {
      result = { error };
    }
    if (result.error === undefined) {
      try {
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        result = { error };
      }
    }
    await sql`rollback`.execute(connection).catch(() => {});
    // Nothing was applied: the transaction is gone.
    return { error: result.error };
  });
}

/** Names of migrations that exist but are not yet applied. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = await createMigrator(db);
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/**
 * A migrator whose bookkeeping tables live in the connection's own schema. Kysely otherwise
 * looks for them in any schema, so a second Latchkey (or any Kysely app) in another schema of
 * the same PostgreSQL database would make it skip creating its own.
 */
async function createMigrator(db: Kysely<Database>): Promise<Migrator> {
  const provider = { getMigrations: async () => migrations };
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    return new Migrator({ db, provider });
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return new Migrator({ db, provider, ...(schema && { migrationTableSchema: schema }) });
}

function isLockContention(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  // SQLite: busy or a stale WAL snapshot; PostgreSQL: two processes creating the bookkeeping
  // tables at the same moment (unique violation on pg_type, or "already exists"), or another
  // schema of the same database being dropped while Kysely's introspection reads every
  // schema's tables (invalid schema name, undefined table): all pass on a second try.
  return (
    code.startsWith('SQLITE_BUSY') ||
    code === 'SQLITE_LOCKED' ||
    code === '23505' ||
    code === '42P07' ||
    code === '3F000' ||
    code === '42P01'
  );
}
