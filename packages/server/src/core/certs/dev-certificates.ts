import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type CertificatePair,
  createCertificateAuthority,
  issueClientCertificate,
  issueServerCertificate,
} from './x509.js';

/** Where the embedded default keeps its TLS files: `<dataDir>/userstore-tls/`. */
export function devCertificateDir(dataDir: string): string {
  return path.join(dataDir, 'userstore-tls');
}

/** Paths of one client certificate and key as `latchkey certs client` writes them. */
export interface ClientCertificateFiles {
  certPath: string;
  keyPath: string;
}

/** The dev CA and the server certificate the User store listener presents. */
export interface DevServerCertificates {
  caPath: string;
  ca: CertificatePair;
  server: CertificatePair;
  /** True when this call created them (the first start). */
  created: boolean;
}

/**
 * Loads the dev CA and the localhost server certificate from the data dir, creating both on
 * the first call. Each file is written under a temporary name and renamed, so a crash never
 * leaves a half-written key behind.
 */
export async function ensureDevServerCertificates(
  dataDir: string,
  now: number,
): Promise<DevServerCertificates> {
  const dir = devCertificateDir(dataDir);
  const caPath = path.join(dir, 'ca.pem');
  const caKeyPath = path.join(dir, 'ca.key');
  const serverPath = path.join(dir, 'server.pem');
  const serverKeyPath = path.join(dir, 'server.key');
  let created = false;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(caPath) || !existsSync(caKeyPath)) {
    const ca = await createCertificateAuthority(now);
    writePair(ca, caPath, caKeyPath);
    created = true;
  }
  const ca = readPair(caPath, caKeyPath);
  if (created || !existsSync(serverPath) || !existsSync(serverKeyPath)) {
    const server = await issueServerCertificate(ca, now, {
      dns: ['localhost'],
      ips: ['127.0.0.1', '::1'],
    });
    writePair(server, serverPath, serverKeyPath);
  }
  return { caPath, ca, server: readPair(serverPath, serverKeyPath), created };
}

/**
 * Issues a client certificate for a project from the dev CA and writes `client.pem` and
 * `client.key` into `outDir`.
 * @throws Error when the dev CA does not exist (no `latchkey start` on this data dir yet).
 */
export async function writeDevClientCertificate(
  dataDir: string,
  projectId: string,
  outDir: string,
  now: number,
): Promise<ClientCertificateFiles & { certPem: string }> {
  const dir = devCertificateDir(dataDir);
  const ca = await loadOrCreateCa(dir, now);
  const pair = await issueClientCertificate(ca, now, projectId);
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const files = {
    certPath: path.join(outDir, 'client.pem'),
    keyPath: path.join(outDir, 'client.key'),
  };
  writePair(pair, files.certPath, files.keyPath);
  return { ...files, certPem: pair.certPem };
}

/** Where the default project's client certificate lives in the data dir. */
export function defaultClientCertificateFiles(
  dataDir: string,
  projectId: string,
): ClientCertificateFiles {
  const dir = path.join(devCertificateDir(dataDir), 'clients', projectId);
  return { certPath: path.join(dir, 'client.pem'), keyPath: path.join(dir, 'client.key') };
}

async function loadOrCreateCa(dir: string, now: number): Promise<CertificatePair> {
  const caPath = path.join(dir, 'ca.pem');
  const caKeyPath = path.join(dir, 'ca.key');
  if (!existsSync(caPath) || !existsSync(caKeyPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writePair(await createCertificateAuthority(now), caPath, caKeyPath);
  }
  return readPair(caPath, caKeyPath);
}

function readPair(certPath: string, keyPath: string): CertificatePair {
  return { certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
}

function writePair(pair: CertificatePair, certPath: string, keyPath: string): void {
  // The key first: a certificate without its key would be taken as complete by the next run.
  writeAtomically(keyPath, pair.keyPem, 0o600);
  writeAtomically(certPath, pair.certPem, 0o644);
}

function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, file);
}
