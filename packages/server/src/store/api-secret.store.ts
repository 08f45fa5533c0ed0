import type { Kysely } from 'kysely';
import { preparedQuery } from './prepared-query.js';
import { type ProjectRecord, projectRecordOf } from './project.store.js';
import type { ApiSecretRow, Database } from './schema.js';

/** An API secret's metadata. The secret is never stored, only its hash. */
export interface ApiSecretRecord {
  id: string;
  projectId: string;
  secretHash: string;
  hint: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

function toRecord(row: ApiSecretRow): ApiSecretRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    secretHash: row.secret_hash,
    hint: row.hint,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

export async function insertApiSecret(
  db: Kysely<Database>,
  secret: Omit<ApiSecretRecord, 'lastUsedAt' | 'revokedAt'>,
): Promise<void> {
  await db
    .insertInto('api_secrets')
    .values({
      id: secret.id,
      project_id: secret.projectId,
      secret_hash: secret.secretHash,
      hint: secret.hint,
      created_at: secret.createdAt,
    })
    .execute();
}

/** The project's secrets that are not revoked (a project has a handful). */
export async function findActiveApiSecrets(
  db: Kysely<Database>,
  projectId: string,
): Promise<ApiSecretRecord[]> {
  const rows = await db
    .selectFrom('api_secrets')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map(toRecord);
}

const selectProjectWithActiveSecrets = preparedQuery((db, args: { projectId: string }) =>
  db
    .selectFrom('projects')
    .leftJoin('api_secrets', (join) =>
      join
        .onRef('api_secrets.project_id', '=', 'projects.id')
        .on('api_secrets.revoked_at', 'is', null),
    )
    .selectAll('projects')
    .select([
      'api_secrets.id as secret_id',
      'api_secrets.secret_hash as secret_hash',
      'api_secrets.hint as secret_hint',
      'api_secrets.created_at as secret_created_at',
      'api_secrets.last_used_at as secret_last_used_at',
    ])
    .where('projects.id', '=', args.projectId),
);

/**
 * The project and its secrets that are not revoked, in one query: what authenticating a
 * Backend API request needs. Undefined when there is no such project.
 */
export async function findProjectWithActiveSecrets(
  db: Kysely<Database>,
  projectId: string,
): Promise<{ project: ProjectRecord; secrets: ApiSecretRecord[] } | undefined> {
  const { rows } = await selectProjectWithActiveSecrets(db, { projectId });
  const first = rows[0];
  if (!first) return undefined;
  const secrets: ApiSecretRecord[] = [];
  for (const row of rows) {
    if (row.secret_id === null || row.secret_hash === null) continue;
    secrets.push(
      toRecord({
        id: row.secret_id,
        project_id: projectId,
        secret_hash: row.secret_hash,
        hint: row.secret_hint ?? '',
        created_at: row.secret_created_at ?? 0,
        last_used_at: row.secret_last_used_at,
        revoked_at: null,
      }),
    );
  }
  return { project: projectRecordOf(first), secrets };
}

/** All of a project's secrets, revoked ones included, newest first. */
export async function listApiSecrets(
  db: Kysely<Database>,
  projectId: string,
): Promise<ApiSecretRecord[]> {
  const rows = await db
    .selectFrom('api_secrets')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toRecord);
}

export async function findApiSecret(
  db: Kysely<Database>,
  id: string,
): Promise<ApiSecretRecord | undefined> {
  const row = await db
    .selectFrom('api_secrets')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Marks a secret revoked; returns false when there is no such unrevoked secret. */
export async function revokeApiSecretRow(
  db: Kysely<Database>,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('api_secrets')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records a use. Guarded so a busy secret writes at most once per `resolutionMs`
 * rather than on every request.
 */
export async function touchApiSecret(
  db: Kysely<Database>,
  id: string,
  now: number,
  resolutionMs: number,
): Promise<void> {
  await db
    .updateTable('api_secrets')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now - resolutionMs)]),
    )
    .execute();
}
