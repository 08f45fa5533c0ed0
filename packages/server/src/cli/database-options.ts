import type { Command } from 'commander';
import { type Config, type ConfigInput, loadConfig } from '../config/config.js';
import { systemClock } from '../core/clock.js';
import type { CoreDeps } from '../core/deps.js';
import { cryptoRandom } from '../core/random.js';
import { type DatabaseHandle, openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';

/** Options every command that touches the database accepts. */
export interface DatabaseFlags {
  dataDir?: string;
  databaseUrl?: string;
  config?: string;
  json?: boolean;
}

export function addDatabaseOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory for the SQLite database (env LATCHKEY_DATA_DIR)')
    .option('--database-url <url>', 'postgres://… to use PostgreSQL (env LATCHKEY_DATABASE_URL)')
    .option('--config <file>', 'JSON config file (env LATCHKEY_CONFIG)')
    .option('--json', 'print the result as JSON');
}

export function configFromFlags(flags: DatabaseFlags & ConfigInput): Config {
  const { config: configFile, json: _json, ...rest } = flags;
  return loadConfig({
    flags: rest as ConfigInput,
    ...(configFile && { configFile }),
    // Logs go to stderr, so stderr decides whether they are read by a person.
    isTty: process.stderr.isTTY,
  });
}

/**
 * Opens the configured database, brings its schema up to date (idempotent, safe beside a
 * running server) and runs `work` with the core's ports; always closes the database.
 */
export async function withDatabase<T>(
  flags: DatabaseFlags,
  work: (deps: CoreDeps, handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const config = configFromFlags(flags);
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    return await work({ db: handle.db, clock: systemClock, random: cryptoRandom }, handle);
  } finally {
    await handle.close();
  }
}
