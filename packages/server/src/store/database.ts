import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import {
  fallbackAutocheckpointPages,
  type SqliteCheckpointer,
  startSqliteCheckpointer,
} from './sqlite-checkpointer.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus what callers need to know about it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Human-readable location: the SQLite file path, or the PostgreSQL URL without password. */
  location: string;
  /** The SQLite file, when on SQLite. */
  sqlitePath: string | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`; when unset, SQLite at `<dataDir>/latchkey.db`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * SQLite: checkpoint the write-ahead log on a background thread instead of on whichever
   * commit crosses the threshold (the server sets this; short-lived commands need not).
   */
  backgroundCheckpoints?: boolean;
}

export const sqliteFileName = 'latchkey.db';

/** How much of the SQLite file is memory-mapped (address space, not resident memory). */
const sqliteMmapBytes = 256 * 1024 * 1024;
/** SQLite's page cache per connection, in KiB (its default is 2 MiB). */
const sqliteCacheKib = 64 * 1024;

/** Opens the configured database. Nothing is created in PostgreSQL here; see migrate. */
export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openSqlite(path.join(options.dataDir, sqliteFileName), options.backgroundCheckpoints);
}

function openSqlite(file: string, backgroundCheckpoints = false): DatabaseHandle {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // The busy timeout makes a second process wait for a lock instead of failing at once. It
  // comes first: switching a new file to WAL takes a lock, and two processes opening a fresh
  // database at the same moment would otherwise fail with "database is locked".
  sqlite.pragma('busy_timeout = 5000');
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes
  // (a power loss can lose the last commits, never corrupt).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Pages come straight from the memory-mapped file instead of a read() each: system calls
  // are the dearest part of a short query on virtual machines, and whenever another
  // connection (a second process, the CLI) has written, SQLite drops its own page cache.
  sqlite.pragma(`mmap_size = ${sqliteMmapBytes}`);
  sqlite.pragma(`cache_size = -${sqliteCacheKib}`);
  let checkpointer: SqliteCheckpointer | undefined;
  if (backgroundCheckpoints) {
    sqlite.pragma(`wal_autocheckpoint = ${fallbackAutocheckpointPages}`);
    checkpointer = startSqliteCheckpointer(file);
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    sqlitePath: file,
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}

/** Prepared statements kept per connection; past this many distinct SQL texts, start over. */
const statementCacheSize = 1000;

/**
 * The SQLite handle as Kysely sees it, with prepared statements reused by SQL text. Kysely
 * prepares every query afresh, and preparing costs as much as running a short query; the
 * queries of a request path are few distinct texts, so a small cache removes that cost.
 * Statements are used only with `all`/`run`, one at a time (better-sqlite3 is synchronous).
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SQLite.Statement {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= statementCacheSize) statements.clear();
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // BIGINT (type 20) holds our millisecond timestamps; they fit a JS number exactly.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url),
    sqlitePath: undefined,
    close: () => db.destroy(),
  };
}

/** The URL with any password replaced, for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** A cheap round trip, for readiness checks. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
