import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import { LatchkeyError } from '../core/errors.js';
import { PendingMigrationsError } from '../server/start-server.js';
import { BackupError, backupCommand } from './commands/backup.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { projectCommand } from './commands/project.command.js';
import { secretCommand } from './commands/secret.command.js';
import { startCommand } from './commands/start.command.js';
import { describeDatabaseError } from './describe-database-error.js';

/** The `latchkey` command line. */
export function buildProgram(): Command {
  const program = new Command('latchkey')
    .description('Latchkey: self-hostable, passkey-first authentication (Corbado-compatible APIs)')
    .version('0.1.0')
    .showHelpAfterError()
    .enablePositionalOptions();
  program.addCommand(startCommand());
  program.addCommand(migrateCommand());
  program.addCommand(projectCommand());
  program.addCommand(secretCommand());
  program.addCommand(backupCommand());
  return program;
}

/** Runs the CLI; expected failures print one helpful line and set a non-zero exit code. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode = 1;
    if (error instanceof ConfigError) {
      process.exitCode = 2;
      process.stderr.write(`${error.message}\n`);
    } else if (error instanceof LatchkeyError) {
      const fields = error.validation.map((v) => `\n  ${v.field}: ${v.message}`).join('');
      process.stderr.write(`error: ${error.message}${fields ? '' : ''}\n`);
    } else if (error instanceof BackupError || error instanceof PendingMigrationsError) {
      process.stderr.write(`error: ${error.message}\n`);
    } else {
      const database = describeDatabaseError(error);
      if (database) process.stderr.write(`error: ${database}\n`);
      else process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    }
  }
}
