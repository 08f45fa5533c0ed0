import { existsSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Command } from 'commander';
import { sqliteFileName } from '../../store/database.js';
import { configFromFlags, type DatabaseFlags } from '../database-options.js';
import { printResult, progress } from '../output.js';

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
      const db = new SQLite(source, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      try {
        // SQLite's online backup API copies a consistent snapshot page by page, while other
        // connections keep reading and writing.
        let lastShown = -1;
        const result = await db.backup(out, {
          progress: ({ totalPages, remainingPages }) => {
            const percent =
              totalPages === 0
                ? 100
                : Math.floor(((totalPages - remainingPages) / totalPages) * 100);
            if (!flags.json && percent >= lastShown + 10) {
              lastShown = percent;
              progress(`  ${percent}% (${totalPages - remainingPages}/${totalPages} pages)`);
            }
            return 256;
          },
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
