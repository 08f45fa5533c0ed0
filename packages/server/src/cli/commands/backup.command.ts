import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Command } from 'commander';
import { sqliteFileName } from '../../store/database.js';
import { configFromFlags, type DatabaseFlags } from '../database-options.js';
import { printResult } from '../output.js';

export class BackupError extends Error {}

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'take a consistent online copy of the SQLite database (safe while the server runs)',
    )
    .requiredOption('--out <file>', 'where to write the copy (must not exist)')
    .option('--data-dir <dir>', 'data directory (env LATCHKEY_DATA_DIR)')
    .option('--config <file>', 'JSON config file (env LATCHKEY_CONFIG)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: DatabaseFlags & { out: string }) => {
      const config = configFromFlags(flags);
      if (config.databaseUrl) {
        throw new BackupError(
          'backup copies the embedded SQLite database; for PostgreSQL use pg_dump (LATCHKEY_DATABASE_URL is set)',
        );
      }
      const source = path.join(config.dataDir, sqliteFileName);
      if (!existsSync(source)) {
        throw new BackupError(`no database at ${source}; check --data-dir or LATCHKEY_DATA_DIR`);
      }
      const out = path.resolve(flags.out);
      if (existsSync(out)) throw new BackupError(`${out} already exists; choose a new file`);
      try {
        mkdirSync(path.dirname(out), { recursive: true });
      } catch (error) {
        throw new BackupError(
          `cannot create the directory for ${out} (${(error as NodeJS.ErrnoException).code ?? error}); choose another --out`,
        );
      }
      const db = new SQLite(source, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      try {
        // SQLite's online backup API, with every page copied in one step: one step reads one
        // consistent snapshot while the server keeps writing (WAL). Copying in several steps
        // would restart whenever another process writes in between, which under steady
        // writes could go on for ever.
        const result = await db
          .backup(out, { progress: () => 0x7fffffff })
          .catch((error: unknown) => {
            rmSync(out, { force: true });
            throw new BackupError(`cannot write ${out}: ${(error as Error).message ?? error}`);
          });
        printResult(
          flags.json ?? false,
          { source, out, pages: result.totalPages },
          () => `Backed up ${source} to ${out} (${result.totalPages} pages).`,
        );
      } finally {
        db.close();
      }
    });
}
