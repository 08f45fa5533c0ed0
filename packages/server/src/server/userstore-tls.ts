import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../config/config.js';
import { registerClientCertificate } from '../core/certs/client-certificates.js';
import {
  type ClientCertificateFiles,
  defaultClientCertificateFiles,
  ensureDevServerCertificates,
  writeDevClientCertificate,
} from '../core/certs/dev-certificates.js';
import { readCertificate } from '../core/certs/x509.js';
import type { CoreDeps } from '../core/deps.js';
import type { UserstoreTls } from '../http/userstore/userstore-app.js';
import { findClientCertificate } from '../store/client-certificate.store.js';

/** The listener's TLS material and, for the embedded default, where the dev CA lives. */
export interface ResolvedUserstoreTls {
  tls: UserstoreTls;
  /** The dev CA's certificate file; undefined with the operator's own certificates. */
  devCaPath: string | undefined;
}

/**
 * The User store listener's certificate, key and client CA: the configured files, or the
 * dev CA and a localhost server certificate under the data dir (created on the first start).
 * @throws ConfigError naming the setting when a configured file cannot be read.
 */
export async function resolveUserstoreTls(
  config: Config,
  now: number,
): Promise<ResolvedUserstoreTls> {
  if (config.userstoreTlsCert && config.userstoreTlsKey && config.userstoreTlsCa) {
    const read = (file: string, setting: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        throw new ConfigError(setting, `cannot read ${file} (${code}); check the path`);
      }
    };
    return {
      tls: {
        cert: read(config.userstoreTlsCert, 'LATCHKEY_USERSTORE_TLS_CERT'),
        key: read(config.userstoreTlsKey, 'LATCHKEY_USERSTORE_TLS_KEY'),
        ca: read(config.userstoreTlsCa, 'LATCHKEY_USERSTORE_TLS_CA'),
      },
      devCaPath: undefined,
    };
  }
  const dev = await ensureDevServerCertificates(config.dataDir, now);
  return {
    tls: { cert: dev.server.certPem, key: dev.server.keyPem, ca: dev.ca.certPem },
    devCaPath: dev.caPath,
  };
}

/**
 * The embedded default's client certificate for a project, in the data dir: issued from the
 * dev CA and recorded on the first start. A certificate whose fingerprint was recorded
 * before (even revoked) is left alone; one the database has never seen (a new database
 * beside an old data dir) is recorded.
 */
export async function ensureDevClientCertificate(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  dataDir: string,
  projectId: string,
): Promise<ClientCertificateFiles> {
  const files = defaultClientCertificateFiles(dataDir, projectId);
  if (!existsSync(files.certPath) || !existsSync(files.keyPath)) {
    const written = await writeDevClientCertificate(
      dataDir,
      projectId,
      path.dirname(files.certPath),
      deps.clock.now(),
    );
    await registerClientCertificate(deps, projectId, written.certPem, 'issued');
    return files;
  }
  const pem = readFileSync(files.certPath, 'utf8');
  const facts = readCertificate(pem);
  if (facts && !(await findClientCertificate(deps.db, facts.fingerprint))) {
    await registerClientCertificate(deps, projectId, pem, 'issued');
  }
  return files;
}
