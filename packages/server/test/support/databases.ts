import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe } from 'node:test';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Where a fresh, empty database lives: what a child process needs in its environment. */
export interface TestDatabaseLocation {
  kind: DatabaseKind;
  /** A new temporary data directory (the SQLite file lives here). */
  dataDir: string;
  /** For PostgreSQL: a URL whose search_path is a new, empty schema. */
  databaseUrl: string | undefined;
  /** `LATCHKEY_*` variables that point a server or CLI at this database. */
  env: Record<string, string>;
  /** Drops the schema / removes the directory. */
  cleanup(): Promise<void>;
}

export interface TestDatabase extends TestDatabaseLocation {
  handle: DatabaseHandle;
}

const postgresUrl = process.env.LATCHKEY_TEST_DATABASE_URL;

/** The database kinds this run covers: SQLite always, PostgreSQL when configured. */
export function databaseKinds(): DatabaseKind[] {
  return postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * A fresh, empty database of the given kind. PostgreSQL tests each get their own schema
 * (via the URL's search_path), so test files can run in parallel on one server.
 */
export async function createTestDatabaseLocation(
  kind: DatabaseKind,
): Promise<TestDatabaseLocation> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-test-'));
  if (kind === 'sqlite') {
    return {
      kind,
      dataDir,
      databaseUrl: undefined,
      env: { LATCHKEY_DATA_DIR: dataDir },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('LATCHKEY_TEST_DATABASE_URL is not set');
  const schema = `lk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  return {
    kind,
    dataDir,
    databaseUrl,
    env: {
      LATCHKEY_DATA_DIR: dataDir,
      LATCHKEY_DATABASE_URL: databaseUrl,
      // PostgreSQL needs a shared master key (signing keys); each test database gets its own.
      LATCHKEY_MASTER_KEY: randomBytes(32).toString('base64'),
    },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database of the given kind, opened and migrated. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const location = await createTestDatabaseLocation(kind);
  const handle = openDatabase({
    databaseUrl: location.databaseUrl,
    dataDir: location.dataDir,
    poolSize: 4,
  });
  await migrateToLatest(handle.db);
  return {
    ...location,
    handle,
    cleanup: async () => {
      await handle.close();
      await location.cleanup();
    },
  };
}

/**
 * Runs a suite once per database kind. Test names get a `[sqlite]` or `[postgres]` suffix;
 * the test runner script counts passed `[postgres]` tests to prove the PostgreSQL leg ran.
 */
export function describeEachDatabase(title: string, suite: (kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds()) {
    describe(`${title} [${kind}]`, () => suite(kind));
  }
}
