import { Command } from 'commander';
import { createProject } from '../../core/projects/create-project.js';
import { getProject } from '../../core/projects/get-project.js';
import { updateProject } from '../../core/projects/update-project.js';
import { createApiSecret } from '../../core/secrets/create-api-secret.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { listProjects } from '../../store/project.store.js';
import { addDatabaseOptions, type DatabaseFlags, withDatabase } from '../database-options.js';
import { formatTable, formatTime, printResult } from '../output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The JSON shape of a project in CLI output. */
function projectJson(project: ProjectRecord) {
  return {
    projectID: project.id,
    name: project.name,
    rpID: project.rpId,
    rpName: project.rpName,
    origins: project.allowedOrigins,
    frontendApiUrl: project.frontendApiUrl,
    created: formatTime(project.createdAt),
    updated: formatTime(project.updatedAt),
  };
}

function projectLines(project: ProjectRecord): string {
  return [
    `Project ID:        ${project.id}`,
    `Name:              ${project.name}`,
    `RP ID:             ${project.rpId ?? '-'}`,
    `RP name:           ${project.rpName ?? '-'}`,
    `Origins:           ${project.allowedOrigins.join(', ') || '-'}`,
    `Frontend API URL:  ${project.frontendApiUrl ?? '(the server public URL)'}`,
    `Created:           ${formatTime(project.createdAt)}`,
  ].join('\n');
}

interface ProjectSettingFlags extends DatabaseFlags {
  name?: string;
  origin?: string[];
  rpId?: string;
  rpName?: string;
  frontendApiUrl?: string;
}

function addSettingOptions(command: Command): Command {
  return command
    .option('--origin <url>', 'an origin passkeys may be used from (repeatable)', collect)
    .option('--rp-id <domain>', 'WebAuthn relying-party ID (default: host of the first origin)')
    .option('--rp-name <name>', 'relying-party name shown by authenticators (default: the name)')
    .option('--frontend-api-url <url>', 'origin of the Frontend API for this project');
}

export function projectCommand(): Command {
  const project = new Command('project').description('create, list, show and update projects');

  addSettingOptions(addDatabaseOptions(project.command('create')))
    .description('create a project and its first API secret')
    .requiredOption('--name <name>', 'project name')
    .action(async (flags: ProjectSettingFlags & { name: string }) => {
      await withDatabase(flags, async (deps) => {
        const created = await deps.db.transaction().execute(async (trx) => {
          const txDeps = { ...deps, db: trx };
          const record = await createProject(txDeps, {
            name: flags.name,
            origins: flags.origin ?? ['http://localhost:8080'],
            rpId: flags.rpId,
            rpName: flags.rpName,
            frontendApiUrl: flags.frontendApiUrl,
          });
          return { record, secret: await createApiSecret(txDeps, record.id) };
        });
        printResult(
          flags.json ?? false,
          {
            ...projectJson(created.record),
            apiSecret: created.secret.apiSecret,
            apiSecretID: created.secret.id,
          },
          () =>
            `${projectLines(created.record)}\nAPI secret:        ${created.secret.apiSecret}\n\nThe API secret is shown only now; store it safely.`,
        );
      });
    });

  addDatabaseOptions(project.command('list'))
    .description('list all projects')
    .action(async (flags: DatabaseFlags) => {
      await withDatabase(flags, async (deps) => {
        const projects = await listProjects(deps.db);
        printResult(flags.json ?? false, projects.map(projectJson), () =>
          formatTable(
            ['PROJECT ID', 'NAME', 'RP ID', 'ORIGINS', 'CREATED'],
            projects.map((p) => [
              p.id,
              p.name,
              p.rpId ?? '-',
              p.allowedOrigins.join(','),
              formatTime(p.createdAt),
            ]),
          ),
        );
      });
    });

  addDatabaseOptions(project.command('show'))
    .description('show one project')
    .argument('<projectID>', 'the project ID (pro-…)')
    .action(async (projectId: string, flags: DatabaseFlags) => {
      await withDatabase(flags, async (deps) => {
        const record = await getProject(deps, projectId);
        printResult(flags.json ?? false, projectJson(record), () => projectLines(record));
      });
    });

  addSettingOptions(addDatabaseOptions(project.command('update')))
    .description('change a project: name, origins, RP ID and name, Frontend API URL')
    .argument('<projectID>', 'the project ID (pro-…)')
    .option('--name <name>', 'new project name')
    .action(async (projectId: string, flags: ProjectSettingFlags) => {
      await withDatabase(flags, async (deps) => {
        const record = await updateProject(deps, projectId, {
          name: flags.name,
          origins: flags.origin,
          rpId: flags.rpId,
          rpName: flags.rpName,
          frontendApiUrl: flags.frontendApiUrl,
        });
        printResult(flags.json ?? false, projectJson(record), () => projectLines(record));
      });
    });

  return project;
}
