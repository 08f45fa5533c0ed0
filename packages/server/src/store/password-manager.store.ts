import type { Kysely, Selectable } from 'kysely';
import type { Database, PasswordManagerTable } from './schema.js';

/** A passkey provider (password manager) seen holding one of the user's passkeys. */
export interface PasswordManagerRecord {
  id: string;
  projectId: string;
  userId: string;
  clientEnvId: string;
  /** The credential (cre-…) it holds. */
  credentialId: string;
  aaguid: string;
  status: string;
  score: number;
  createdAt: number;
}

export function toPasswordManagerRecord(
  row: Selectable<PasswordManagerTable>,
): PasswordManagerRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    clientEnvId: row.client_env_id,
    credentialId: row.credential_id,
    aaguid: row.aaguid,
    status: row.status,
    score: Number(row.score),
    createdAt: Number(row.created_at),
  };
}

export async function insertPasswordManager(
  db: Kysely<Database>,
  manager: PasswordManagerRecord,
): Promise<void> {
  await db
    .insertInto('password_managers')
    .values({
      id: manager.id,
      project_id: manager.projectId,
      user_id: manager.userId,
      client_env_id: manager.clientEnvId,
      credential_id: manager.credentialId,
      aaguid: manager.aaguid,
      status: manager.status,
      score: manager.score,
      created_at: manager.createdAt,
    })
    .execute();
}

/** The user's password managers, oldest first. */
export async function listUserPasswordManagers(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<PasswordManagerRecord[]> {
  const rows = await db
    .selectFrom('password_managers')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPasswordManagerRecord);
}
