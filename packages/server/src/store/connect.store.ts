import type { Kysely } from 'kysely';
import type { ConnectProcessTable, Database } from './schema.js';

/** Which `/v2/connect/{login,append,manage}/init` created a process; later calls must be of the same kind. */
export type ConnectProcessKind = 'login' | 'append' | 'manage';

/** A Connect process as stored: never its token, only the token's SHA-256. */
export interface ConnectProcessRecord {
  id: string;
  projectId: string;
  tokenHash: string;
  kind: ConnectProcessKind;
  /** The Backend API form of the client's clientInformation (validated at init). */
  clientInformation: Record<string, unknown>;
  /** The user the process is bound to, once a login or append started. */
  userId: string | null;
  /** The identifier that start was for, as the customer's system knows it. */
  identifier: string | null;
  createdAt: number;
  expiresAt: number;
}

function toRecord(row: ConnectProcessTable): ConnectProcessRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    tokenHash: row.token_hash,
    kind: row.kind as ConnectProcessKind,
    clientInformation: JSON.parse(row.client_information) as Record<string, unknown>,
    userId: row.user_id,
    identifier: row.identifier,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Stores a new Connect process. */
export async function insertConnectProcess(
  db: Kysely<Database>,
  process: ConnectProcessRecord,
): Promise<void> {
  await db
    .insertInto('connect_processes')
    .values({
      id: process.id,
      project_id: process.projectId,
      token_hash: process.tokenHash,
      kind: process.kind,
      client_information: JSON.stringify(process.clientInformation),
      user_id: process.userId,
      identifier: process.identifier,
      created_at: process.createdAt,
      expires_at: process.expiresAt,
    })
    .execute();
}

/** The project's unexpired process with this token hash; undefined otherwise. */
export async function findConnectProcess(
  db: Kysely<Database>,
  key: { projectId: string; tokenHash: string },
  now: number,
): Promise<ConnectProcessRecord | undefined> {
  const row = await db
    .selectFrom('connect_processes')
    .selectAll()
    .where('token_hash', '=', key.tokenHash)
    .where('project_id', '=', key.projectId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Binds a process to the user (or none, for an unknown identifier) a start was for. */
export async function bindConnectProcess(
  db: Kysely<Database>,
  id: string,
  binding: { userId: string | null; identifier: string },
): Promise<void> {
  await db
    .updateTable('connect_processes')
    .set({ user_id: binding.userId, identifier: binding.identifier })
    .where('id', '=', id)
    .execute();
}

/** The Latchkey user a customer's identifier (folded) maps to in the project, if any. */
export async function findConnectUserId(
  db: Kysely<Database>,
  projectId: string,
  identifierKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('connect_users')
    .select('user_id')
    .where('project_id', '=', projectId)
    .where('identifier_key', '=', identifierKey)
    .executeTakeFirst();
  return row?.user_id;
}

/**
 * Maps an identifier to a user, unless it is mapped already (`ON CONFLICT DO NOTHING`): of
 * two racing first appends only one inserts. True when this call inserted the row.
 */
export async function insertConnectUser(
  db: Kysely<Database>,
  row: { projectId: string; identifierKey: string; userId: string; createdAt: number },
): Promise<boolean> {
  const inserted = await db
    .insertInto('connect_users')
    .values({
      project_id: row.projectId,
      identifier_key: row.identifierKey,
      user_id: row.userId,
      created_at: row.createdAt,
    })
    .onConflict((oc) => oc.columns(['project_id', 'identifier_key']).doNothing())
    .returning('user_id')
    .execute();
  return inserted.length > 0;
}
