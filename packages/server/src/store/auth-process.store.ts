import type { Kysely } from 'kysely';
import type { AuthProcessTable, Database } from './schema.js';

/** What is stored; an expired process is read from `expiresAt`. */
export type AuthProcessStatus = 'active' | 'completed';

/** A Frontend API process as the rest of the code sees it: never the token or its hash. */
export interface AuthProcessRecord {
  id: string;
  projectId: string;
  state: string;
  status: AuthProcessStatus;
  /** The flow context, parsed from JSON; core checks its shape and version. */
  context: unknown;
  version: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

function toRecord(row: AuthProcessTable): AuthProcessRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    state: row.state,
    status: row.status as AuthProcessStatus,
    context: JSON.parse(row.context) as unknown,
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Stores a new process with the SHA-256 of its token. */
export async function insertAuthProcess(
  db: Kysely<Database>,
  process: AuthProcessRecord & { tokenHash: string },
): Promise<void> {
  await db
    .insertInto('auth_processes')
    .values({
      id: process.id,
      project_id: process.projectId,
      token_hash: process.tokenHash,
      state: process.state,
      status: process.status,
      context: JSON.stringify(process.context),
      version: process.version,
      created_at: process.createdAt,
      updated_at: process.updatedAt,
      expires_at: process.expiresAt,
    })
    .execute();
}

/** The project's process with this token hash, whatever its status or expiry; or undefined. */
export async function findAuthProcessByTokenHash(
  db: Kysely<Database>,
  projectId: string,
  tokenHash: string,
): Promise<AuthProcessRecord | undefined> {
  const row = await db
    .selectFrom('auth_processes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The project's process with this ID, whatever its status or expiry; or undefined. */
export async function findAuthProcess(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<AuthProcessRecord | undefined> {
  const row = await db
    .selectFrom('auth_processes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Writes a step's outcome, guarded by the version the step read and by the process being
 * active: of two concurrent steps on one process exactly one writes. False when the guard
 * failed (another step won, or the process was completed meanwhile).
 */
export async function saveAuthProcessStep(
  db: Kysely<Database>,
  key: { id: string; expectedVersion: number },
  changes: { state: string; status: AuthProcessStatus; context: unknown; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('auth_processes')
    .set({
      state: changes.state,
      status: changes.status,
      context: JSON.stringify(changes.context),
      version: key.expectedVersion + 1,
      updated_at: changes.now,
    })
    .where('id', '=', key.id)
    .where('version', '=', key.expectedVersion)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
