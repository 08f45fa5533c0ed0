import {
  type ClientCertificateRecord,
  type ClientCertificateSource,
  findClientCertificate,
  insertClientCertificate,
  listClientCertificates as listCertificateRows,
  revokeClientCertificateRow,
} from '../../store/client-certificate.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { getProject } from '../projects/get-project.js';
import { readCertificate } from './x509.js';

export type { ClientCertificateRecord } from '../../store/client-certificate.store.js';

/**
 * Trusts a PEM client certificate for a project: its subject CN must be the project ID and
 * it must not have expired. Recording the same certificate twice changes nothing.
 * @throws VALIDATION_FAILED (certificate), PROJECT_NOT_FOUND
 */
export async function registerClientCertificate(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  certPem: string,
  source: ClientCertificateSource = 'registered',
): Promise<ClientCertificateRecord> {
  await getProject(deps, projectId);
  const facts = readCertificate(certPem);
  if (!facts) throw invalidField('certificate', 'is not a PEM X.509 certificate');
  if (facts.commonName !== projectId) {
    throw invalidField(
      'certificate',
      `its subject CN is ${facts.commonName ?? 'missing'}; it must be the project ID ${projectId}`,
    );
  }
  const now = deps.clock.now();
  if (facts.notAfter <= now) throw invalidField('certificate', 'has expired');
  const record: ClientCertificateRecord = {
    fingerprint: facts.fingerprint,
    projectId,
    subjectCn: facts.commonName,
    source,
    notAfter: facts.notAfter,
    createdAt: now,
    revokedAt: null,
  };
  if (await insertClientCertificate(deps.db, record)) return record;
  const existing = await findClientCertificate(deps.db, facts.fingerprint);
  if (existing && existing.projectId !== projectId) {
    throw invalidField('certificate', `is already registered for ${existing.projectId}`);
  }
  return existing ?? record;
}

/** A project's client certificates, revoked ones included, oldest first. */
export async function listClientCertificates(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
): Promise<ClientCertificateRecord[]> {
  await getProject(deps, projectId);
  return listCertificateRows(deps.db, projectId);
}

/**
 * Revokes a client certificate by its SHA-256 fingerprint (hex, colons allowed); the next
 * request made with it is refused.
 * @throws VALIDATION_FAILED (fingerprint), CERTIFICATE_NOT_FOUND
 */
export async function revokeClientCertificate(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  fingerprint: string,
): Promise<void> {
  const normalised = normaliseFingerprint(fingerprint);
  if (await revokeClientCertificateRow(deps.db, normalised, deps.clock.now())) return;
  const existing = await findClientCertificate(deps.db, normalised);
  if (existing?.revokedAt != null) return;
  throw new LatchkeyError('CERTIFICATE_NOT_FOUND', `no client certificate ${normalised}`);
}

/**
 * The project a presented client certificate may act for: its CN names the project and the
 * project has that exact certificate recorded and not revoked.
 * @returns undefined when the certificate is not trusted for the project its CN names.
 */
export async function resolveCertificateProject(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  presented: { fingerprint: string; commonName: string | undefined },
): Promise<string | undefined> {
  if (!presented.commonName) return undefined;
  const record = await findClientCertificate(deps.db, presented.fingerprint);
  if (!record || record.revokedAt !== null) return undefined;
  if (record.projectId !== presented.commonName) return undefined;
  return record.projectId;
}

function normaliseFingerprint(value: string): string {
  const hex = value.replaceAll(':', '').trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw invalidField('fingerprint', 'must be a SHA-256 fingerprint: 64 hex digits');
  }
  return hex;
}
