import { Command } from 'commander';
import { invalidField } from '../../core/errors.js';
import { listProjectSigningKeys } from '../../core/keys/list-signing-keys.js';
import { loadMasterKey } from '../../core/keys/master-key.js';
import { rotateSigningKeys } from '../../core/keys/rotate-signing-keys.js';
import {
  addDatabaseOptions,
  configFromFlags,
  type DatabaseFlags,
  withDatabase,
} from '../database-options.js';
import { formatTable, formatTime, printResult } from '../output.js';

interface KeysFlags extends DatabaseFlags {
  project: string;
  masterKey?: string;
}

interface RotateFlags extends KeysFlags {
  purpose: string;
  overlapHours?: string;
}

export function keysCommand(): Command {
  const keys = new Command('keys').description(
    "rotate and list a project's signing keys (passkey data and session tokens)",
  );

  addDatabaseOptions(
    keys
      .command('rotate')
      .requiredOption('--project <projectID>', 'the project ID (pro-…)')
      .option('--purpose <purpose>', 'passkey-data, session or all', 'all')
      .option(
        '--overlap-hours <hours>',
        'how long the replaced key stays in the JWKS so tokens it signed keep verifying (default 24)',
      )
      .option(
        '--master-key <base64>',
        'master key encrypting signing keys (env LATCHKEY_MASTER_KEY, preferred; required with PostgreSQL)',
      ),
  )
    .description(
      'make a new active signing key; the old one stays published until the overlap ends',
    )
    .action(async (flags: RotateFlags) => {
      const overlapMs = parseOverlapHours(flags.overlapHours);
      const { overlapHours: _hours, purpose, project, ...rest } = flags;
      const masterKey = loadMasterKey(configFromFlags(rest));
      await withDatabase(rest, async (deps) => {
        const rotated = await rotateSigningKeys(
          { ...deps, masterKey },
          { projectId: project, purpose, ...(overlapMs !== undefined && { overlapMs }) },
        );
        const json = rotated.map((r) => ({
          purpose: r.purpose,
          kid: r.active.id,
          algorithm: r.active.algorithm,
          activated: formatTime(r.active.activatedAt),
          retiringKid: r.retiringId ?? null,
          retireAfter: r.retireAfter === undefined ? null : formatTime(r.retireAfter),
        }));
        printResult(flags.json ?? false, json, () =>
          rotated
            .map((r) =>
              r.retiringId
                ? `${r.purpose}: new key ${r.active.id} (${r.active.algorithm}); ${r.retiringId} stays published until ${formatTime(r.retireAfter ?? null)}`
                : `${r.purpose}: new key ${r.active.id} (${r.active.algorithm})`,
            )
            .join('\n'),
        );
      });
    });

  addDatabaseOptions(
    keys.command('list').requiredOption('--project <projectID>', 'the project ID (pro-…)'),
  )
    .description("list a project's signing keys: purpose, algorithm, status, retire time")
    .action(async (flags: KeysFlags) => {
      const { project, ...rest } = flags;
      await withDatabase(rest, async (deps) => {
        const list = await listProjectSigningKeys(deps, project);
        const json = list.map((k) => ({
          kid: k.id,
          purpose: k.purpose,
          algorithm: k.algorithm,
          status: k.status,
          published: k.published,
          created: formatTime(k.createdAt),
          activated: formatTime(k.activatedAt),
          retireAfter: k.retireAfter === null ? null : formatTime(k.retireAfter),
        }));
        printResult(flags.json ?? false, json, () =>
          list.length === 0
            ? `No signing keys yet for ${project}; they are created on first use.`
            : formatTable(
                ['KID', 'PURPOSE', 'ALG', 'STATUS', 'ACTIVATED', 'RETIRE AFTER'],
                list.map((k) => [
                  k.id,
                  k.purpose,
                  k.algorithm,
                  k.status,
                  formatTime(k.activatedAt),
                  formatTime(k.retireAfter),
                ]),
              ),
        );
      });
    });

  return keys;
}

function parseOverlapHours(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const hours = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(hours) || hours < 0 || hours > 366 * 24) {
    throw invalidField('overlapHours', 'must be a number of hours from 0 to 8784 (one year)');
  }
  return Math.round(hours * 60 * 60 * 1000);
}
