import { Command } from 'commander';
import { openDatabase } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { addDatabaseOptions, configFromFlags, type DatabaseFlags } from '../database-options.js';
import { printResult, progress } from '../output.js';

export function migrateCommand(): Command {
  return addDatabaseOptions(new Command('migrate'))
    .description('apply pending database migrations (idempotent; safe from several nodes at once)')
    .action(async (flags: DatabaseFlags) => {
      const config = configFromFlags(flags);
      const handle = openDatabase(config);
      try {
        if (!flags.json) progress(`Migrating ${handle.location} …`);
        const report = await migrateToLatest(handle.db, {
          onApplied: (name) => {
            if (!flags.json) progress(`  applied ${name}`);
          },
        });
        printResult(
          flags.json ?? false,
          { database: handle.location, applied: report.applied },
          () =>
            report.applied.length === 0
              ? 'The schema is up to date; nothing to apply.'
              : `Applied ${report.applied.length} migration(s).`,
        );
      } finally {
        await handle.close();
      }
    });
}
