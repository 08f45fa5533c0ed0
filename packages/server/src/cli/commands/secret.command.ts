import { Command } from 'commander';
import { createApiSecret } from '../../core/secrets/create-api-secret.js';
import { listApiSecrets } from '../../core/secrets/list-api-secrets.js';
import { revokeApiSecret } from '../../core/secrets/revoke-api-secret.js';
import { addDatabaseOptions, type DatabaseFlags, withDatabase } from '../database-options.js';
import { formatTable, formatTime, printResult } from '../output.js';

export function secretCommand(): Command {
  const secret = new Command('secret').description('create, list and revoke API secrets');

  addDatabaseOptions(
    secret.command('create').requiredOption('--project <projectID>', 'the project ID (pro-…)'),
  )
    .description('create an API secret for a project (shown once)')
    .action(async (flags: DatabaseFlags & { project: string }) => {
      await withDatabase(flags, async (deps) => {
        const created = await createApiSecret(deps, flags.project);
        printResult(
          flags.json ?? false,
          {
            id: created.id,
            apiSecret: created.apiSecret,
            projectID: flags.project,
            created: formatTime(created.createdAt),
          },
          () =>
            `API secret ${created.id} for ${flags.project}:\n${created.apiSecret}\n\nIt is shown only now; store it safely.`,
        );
      });
    });

  addDatabaseOptions(
    secret.command('list').requiredOption('--project <projectID>', 'the project ID (pro-…)'),
  )
    .description("list a project's API secrets, masked, with when each was created and last used")
    .action(async (flags: DatabaseFlags & { project: string }) => {
      await withDatabase(flags, async (deps) => {
        const secrets = await listApiSecrets(deps, flags.project);
        const json = secrets.map((s) => ({
          id: s.id,
          secret: s.masked,
          created: formatTime(s.createdAt),
          lastUsed: s.lastUsedAt === null ? null : formatTime(s.lastUsedAt),
          revoked: s.revokedAt === null ? null : formatTime(s.revokedAt),
        }));
        printResult(flags.json ?? false, json, () =>
          formatTable(
            ['ID', 'SECRET', 'CREATED', 'LAST USED', 'REVOKED'],
            secrets.map((s) => [
              s.id,
              s.masked,
              formatTime(s.createdAt),
              formatTime(s.lastUsedAt),
              formatTime(s.revokedAt),
            ]),
          ),
        );
      });
    });

  addDatabaseOptions(secret.command('revoke'))
    .description('revoke an API secret; it stops working at once')
    .argument('<secretID>', 'the secret ID (sec-…), from "secret list"')
    .action(async (secretId: string, flags: DatabaseFlags) => {
      await withDatabase(flags, async (deps) => {
        await revokeApiSecret(deps, secretId);
        printResult(
          flags.json ?? false,
          { id: secretId, revoked: true },
          () => `Revoked ${secretId}.`,
        );
      });
    });

  return secret;
}
