import type { Kysely } from 'kysely';
import type { ClientCertificateTable, Database } from './schema.js';

/** How a client certificate came to be trusted. */
export type ClientCertificateSource = 'issued' | 'registered';

/** A client certificate the User store listener accepts for a project (unless revoked). */
export interface ClientCertificateRecord {
  fingerprint: string;
  projectId: string;
  subjectCn: string;
  source: ClientCertificateSource;
  notAfter: number;
  createdAt: number;
  revokedAt: number | null;
}

function toRecord(row: ClientCertificateTable): ClientCertificateRecord {
  return {
    fingerprint: row.fingerprint,
    projectId: row.project_id,
    subjectCn: row.subject_cn,
    source: row.source as ClientCertificateSource,
    notAfter: Number(row.not_after),
    createdAt: Number(row.created_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

/**
 * Records a certificate; a fingerprint already recorded (even revoked) is left as it is.
 * @returns false when the fingerprint was already there.
 */
export async function insertClientCertificate(
  db: Kysely<Database>,
  record: ClientCertificateRecord,
): Promise<boolean> {
  const inserted = await db
    .insertInto('client_certificates')
    .values({
      fingerprint: record.fingerprint,
      project_id: record.projectId,
      subject_cn: record.subjectCn,
      source: record.source,
      not_after: record.notAfter,
      created_at: record.createdAt,
      revoked_at: record.revokedAt,
    })
    .onConflict((oc) => oc.column('fingerprint').doNothing())
    .returning('fingerprint')
    .execute();
  return inserted.length > 0;
}

/** One certificate by fingerprint (revoked ones too); undefined when never recorded. */
export async function findClientCertificate(
  db: Kysely<Database>,
  fingerprint: string,
): Promise<ClientCertificateRecord | undefined> {
  const row = await db
    .selectFrom('client_certificates')
    .selectAll()
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** A project's certificates, oldest first. */
export async function listClientCertificates(
  db: Kysely<Database>,
  projectId: string,
): Promise<ClientCertificateRecord[]> {
  const rows = await db
    .selectFrom('client_certificates')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('fingerprint')
    .execute();
  return rows.map(toRecord);
}

/** Marks a certificate revoked; false when there is no such unrevoked certificate. */
export async function revokeClientCertificateRow(
  db: Kysely<Database>,
  fingerprint: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('client_certificates')
    .set({ revoked_at: now })
    .where('fingerprint', '=', fingerprint)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
