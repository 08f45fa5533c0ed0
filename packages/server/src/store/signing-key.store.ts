import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from './constraint-violation.js';
import type { Database, SigningKeyTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface SigningKeyRecord {
  id: string;
  projectId: string;
  purpose: string;
  algorithm: string;
  publicJwk: string;
  encryptedPrivateKey: string;
  status: string;
  createdAt: number;
  activatedAt: number;
  retireAfter: number | null;
}

function toRecord(row: SigningKeyTable): SigningKeyRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    purpose: row.purpose,
    algorithm: row.algorithm,
    publicJwk: row.public_jwk,
    encryptedPrivateKey: row.encrypted_private_key,
    status: row.status,
    createdAt: Number(row.created_at),
    activatedAt: Number(row.activated_at),
    retireAfter: row.retire_after === null ? null : Number(row.retire_after),
  };
}

/** The active key of a project for a purpose, if any. */
export async function findActiveSigningKey(
  db: Db,
  projectId: string,
  purpose: string,
): Promise<SigningKeyRecord | undefined> {
  const row = await db
    .selectFrom('signing_keys')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('purpose', '=', purpose)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** One key by ID within a project. */
export async function findSigningKey(
  db: Db,
  projectId: string,
  id: string,
): Promise<SigningKeyRecord | undefined> {
  const row = await db
    .selectFrom('signing_keys')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Keys of a project in the given statuses (every purpose unless one is named), newest first. */
export async function listSigningKeys(
  db: Db,
  projectId: string,
  statuses: string[],
  purpose?: string,
): Promise<SigningKeyRecord[]> {
  let query = db
    .selectFrom('signing_keys')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('status', 'in', statuses);
  if (purpose) query = query.where('purpose', '=', purpose);
  const rows = await query.orderBy('activated_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toRecord);
}

/**
 * Inserts a new active key. Returns false when another active key for the project and
 * purpose already exists (the unique partial index said no).
 */
export async function insertActiveSigningKey(db: Db, key: SigningKeyRecord): Promise<boolean> {
  try {
    await db
      .insertInto('signing_keys')
      .values({
        id: key.id,
        project_id: key.projectId,
        purpose: key.purpose,
        algorithm: key.algorithm,
        public_jwk: key.publicJwk,
        encrypted_private_key: key.encryptedPrivateKey,
        status: 'active',
        created_at: key.createdAt,
        activated_at: key.activatedAt,
        retire_after: null,
      })
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Turns the active key (if any) into a retiring one; returns its ID. */
export async function markActiveRetiring(
  db: Db,
  projectId: string,
  purpose: string,
  retireAfter: number,
): Promise<string | undefined> {
  const row = await db
    .updateTable('signing_keys')
    .set({ status: 'retiring', retire_after: retireAfter })
    .where('project_id', '=', projectId)
    .where('purpose', '=', purpose)
    .where('status', '=', 'active')
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Retiring keys whose overlap has ended become retired; returns how many. */
export async function retireExpiredKeys(db: Db, projectId: string, now: number): Promise<number> {
  const rows = await db
    .updateTable('signing_keys')
    .set({ status: 'retired' })
    .where('project_id', '=', projectId)
    .where('status', '=', 'retiring')
    .where('retire_after', '<=', now)
    .returning('id')
    .execute();
  return rows.length;
}
