import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import { type FieldProblem, LatchkeyError } from '../core/errors.js';
import {
  ListenError,
  PendingMigrationsError,
  RedisUnavailableError,
} from '../server/start-errors.js';
import { aaguidsCommand } from './commands/aaguids.command.js';
import { BackupError, backupCommand } from './commands/backup.command.js';
import { certsCommand } from './commands/certs.command.js';
import { keysCommand } from './commands/keys.command.js';
import { mailsCommand } from './commands/mails.command.js';
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
  program.addCommand(mailsCommand());
  program.addCommand(aaguidsCommand());
  program.addCommand(keysCommand());
  program.addCommand(certsCommand());
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
    // Invalid configuration is exit code 2, every other failure 1.
    process.exitCode = error instanceof ConfigError ? 2 : 1;
    process.stderr.write(`${describeFailure(error)}\n`);
  }
}

/** The one line a failed command prints: what went wrong and how to fix it. */
export function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof LatchkeyError) return `error: ${describeDomainError(error)}`;
  if (
    error instanceof BackupError ||
    error instanceof PendingMigrationsError ||
    error instanceof ListenError ||
    error instanceof RedisUnavailableError
  ) {
    return `error: ${error.message}`;
  }
  const database = describeDatabaseError(error);
  if (database) return `error: ${database}`;
  // Anything else is a bug: the stack trace is what a report needs.
  return `error: ${(error as Error)?.stack ?? String(error)}`;
}

function describeDomainError(error: LatchkeyError): string {
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return error.validation.length > 0
        ? error.validation.map(describeFieldProblem).join('; ')
        : error.message;
    case 'PROJECT_NOT_FOUND':
      return `${error.message}; \`latchkey project list\` shows the projects`;
    case 'SECRET_NOT_FOUND':
      return `${error.message}; \`latchkey secret list --project <projectID>\` shows a project's secrets`;
    default:
      return error.message;
  }
}

/** Core names fields as the API does; on the command line the flag is what to fix. */
const flagsByField: Record<string, string> = {
  name: '--name',
  rpId: '--rp-id',
  rpName: '--rp-name',
  frontendApiUrl: '--frontend-api-url',
  emailFrom: '--email-from',
  emailLinkUrl: '--email-link-url',
  defaultLocale: '--default-locale',
  origins: '--origin',
  allowedRedirectUrls: '--allowed-redirect-url',
  'session.cookieDomain': '--cookie-domain',
  project: '--project',
  limit: '--limit',
  purpose: '--purpose',
  overlapHours: '--overlap-hours',
  overlapMs: '--overlap-hours',
  'webauthn.userVerification': '--user-verification',
  'webauthn.attestation': '--attestation',
  'webauthn.residentKey': '--resident-key',
  'webauthn.authenticatorAttachment': '--authenticator-attachment',
  'webauthn.algorithms': '--algorithms',
  'webauthn.timeoutMs': '--webauthn-timeout',
  'flow.identifiers': '--login-identifiers',
  'flow.verifyAtSignup': '--verify-at-signup',
  'flow.fallbacks': '--fallbacks',
  'flow.fullNameRequired': '--full-name-required',
  'flow.revealUnknownIdentifier': '--reveal-unknown-identifiers',
  'flow.offerPasskeyAfterFallback': '--offer-passkey-after-fallback',
  'flow.verifyEmailAfterPasskey': '--verify-email-after-passkey',
  'flow.offerPasskeyAfterHybrid': '--offer-passkey-after-hybrid',
  'flow.processLifetimeSeconds': '--process-lifetime',
  'webauthn.allowCrossOrigin': '--allow-cross-origin',
  'webauthn.allowedTopOrigins': '--top-origin',
  'webauthn.relatedOrigins': '--related-origin',
};

function describeFieldProblem(problem: FieldProblem): string {
  const field = problem.field.replace(/\[[0-9]+\]$/, '');
  return `${flagsByField[field] ?? problem.field}: ${problem.message}`;
}
