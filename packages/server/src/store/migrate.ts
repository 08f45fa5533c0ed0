import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
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
 * Applies every pending migration. Safe to run from several processes at once: on
 * PostgreSQL Kysely serialises migrators with an advisory lock inside one transaction; on
 * SQLite a second writer gets SQLITE_BUSY, waits, and tries again, by which time the first
 * has finished and there is nothing left to do.
 * @throws the migration's own error when a migration fails (its transaction is rolled back).
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const attempts = options.attempts ?? 20;
  for (let attempt = 1; ; attempt++) {
    const result: MigrationResultSet = await migrator.migrateToLatest();
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

/** Names of migrations that exist but are not yet applied. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

function isLockContention(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  // SQLite: busy or a stale WAL snapshot; PostgreSQL: two processes creating the bookkeeping
  // tables at the same moment (unique violation on pg_type, or "already exists").
  return (
    code.startsWith('SQLITE_BUSY') ||
    code === 'SQLITE_LOCKED' ||
    code === '23505' ||
    code === '42P07'
  );
}
