import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { getProject } from '../../core/projects/get-project.js';
import {
  addDatabaseOptions,
  configFromFlags,
  type DatabaseFlags,
  withDatabase,
} from '../database-options.js';
import { formatTable, formatTime, printResult } from '../output.js';

// Loaded when a certs command runs: the X.509 library is heavy, and the other commands
// (each a fresh process) should not pay for it at start-up.
const certificates = () => import('../../core/certs/client-certificates.js');
const devCertificates = () => import('../../core/certs/dev-certificates.js');

/** `latchkey certs`: client certificates for the User store API (mutual TLS). */
export function certsCommand(): Command {
  const certs = new Command('certs').description(
    'issue, register, list and revoke client certificates for the User store API',
  );

  addDatabaseOptions(
    certs
      .command('client')
      .requiredOption('--project <projectID>', 'the project ID (pro-…); it becomes the subject CN')
      .requiredOption('--out <dir>', 'directory to write client.pem and client.key into'),
  )
    .description("issue a client certificate from the data dir's dev CA and trust it for a project")
    .action(async (flags: DatabaseFlags & { project: string; out: string }) => {
      const { dataDir } = configFromFlags(flags);
      const { registerClientCertificate } = await certificates();
      const { devCertificateDir, writeDevClientCertificate } = await devCertificates();
      await withDatabase(flags, async (deps) => {
        await getProject(deps, flags.project);
        const out = path.resolve(flags.out);
        const written = await writeDevClientCertificate(
          dataDir,
          flags.project,
          out,
          deps.clock.now(),
        );
        const record = await registerClientCertificate(
          deps,
          flags.project,
          written.certPem,
          'issued',
        );
        const caPath = path.join(devCertificateDir(dataDir), 'ca.pem');
        printResult(
          flags.json ?? false,
          {
            projectID: flags.project,
            fingerprint: record.fingerprint,
            cert: written.certPath,
            key: written.keyPath,
            ca: caPath,
            notAfter: formatTime(record.notAfter),
          },
          () =>
            [
              `Client certificate for ${flags.project} (SHA-256 ${record.fingerprint}):`,
              `  cert  ${written.certPath}`,
              `  key   ${written.keyPath}   (keep it secret)`,
              `  CA    ${caPath}   (use as --cacert)`,
            ].join('\n'),
        );
      });
    });

  addDatabaseOptions(
    certs.command('register').requiredOption('--project <projectID>', 'the project ID (pro-…)'),
  )
    .description(
      'trust a client certificate issued by your own CA (its subject CN must be the project ID; start with LATCHKEY_USERSTORE_TLS_CA set to that CA)',
    )
    .argument('<file>', 'the certificate, PEM')
    .action(async (file: string, flags: DatabaseFlags & { project: string }) => {
      const pem = readFileSync(file, 'utf8');
      const { registerClientCertificate } = await certificates();
      await withDatabase(flags, async (deps) => {
        const record = await registerClientCertificate(deps, flags.project, pem);
        printResult(
          flags.json ?? false,
          {
            projectID: flags.project,
            fingerprint: record.fingerprint,
            notAfter: formatTime(record.notAfter),
          },
          () => `Registered ${record.fingerprint} for ${flags.project}.`,
        );
      });
    });

  addDatabaseOptions(
    certs.command('list').requiredOption('--project <projectID>', 'the project ID (pro-…)'),
  )
    .description("list a project's client certificates (revoked ones too)")
    .action(async (flags: DatabaseFlags & { project: string }) => {
      const { listClientCertificates } = await certificates();
      await withDatabase(flags, async (deps) => {
        const records = await listClientCertificates(deps, flags.project);
        printResult(
          flags.json ?? false,
          records.map((r) => ({
            fingerprint: r.fingerprint,
            source: r.source,
            created: formatTime(r.createdAt),
            notAfter: formatTime(r.notAfter),
            revoked: r.revokedAt === null ? null : formatTime(r.revokedAt),
          })),
          () =>
            formatTable(
              ['FINGERPRINT (SHA-256)', 'SOURCE', 'CREATED', 'EXPIRES', 'REVOKED'],
              records.map((r) => [
                r.fingerprint,
                r.source,
                formatTime(r.createdAt),
                formatTime(r.notAfter),
                formatTime(r.revokedAt),
              ]),
            ),
        );
      });
    });

  addDatabaseOptions(certs.command('revoke'))
    .description('revoke a client certificate; requests made with it are refused at once')
    .argument('<fingerprint>', 'its SHA-256 fingerprint, from "certs list"')
    .action(async (fingerprint: string, flags: DatabaseFlags) => {
      const { revokeClientCertificate } = await certificates();
      await withDatabase(flags, async (deps) => {
        await revokeClientCertificate(deps, fingerprint);
        printResult(
          flags.json ?? false,
          { fingerprint, revoked: true },
          () => `Revoked ${fingerprint}.`,
        );
      });
    });

  return certs;
}
