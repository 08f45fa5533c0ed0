import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import {
  type FilterOperator,
  fetchPage,
  type Page,
  type PageRequest,
  type SortDirection,
  sqlOperators,
  toPage,
} from './list-query.js';
import { preparedQuery } from './prepared-query.js';
import type { CredentialTable, Database } from './schema.js';

export type CredentialStatus = 'pending' | 'active';

/** A passkey as the rest of the code sees it. */
export interface CredentialRecord {
  id: string;
  projectId: string;
  userId: string;
  /** base64url of the raw credential ID. */
  credentialId: string;
  /** The name the passkey was created for (append start's `username`). */
  username: string;
  /** base64url COSE_Key. */
  publicKey: string;
  /** COSE algorithm identifier. */
  algorithm: number;
  signCount: number;
  transports: string[];
  aaguid: string;
  backupEligible: boolean;
  backupState: boolean;
  attestationType: string;
  sourceOs: string;
  sourceBrowser: string;
  status: CredentialStatus;
  clientEnvId: string | null;
  suspectedCloneAt: number | null;
  createdAt: number;
  lastUsedAt: number;
}

export function toCredentialRecord(row: Selectable<CredentialTable>): CredentialRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    credentialId: row.credential_id,
    username: row.username,
    publicKey: row.public_key,
    algorithm: Number(row.algorithm),
    signCount: Number(row.sign_count),
    transports: JSON.parse(row.transports) as string[],
    aaguid: row.aaguid,
    backupEligible: Number(row.backup_eligible) === 1,
    backupState: Number(row.backup_state) === 1,
    attestationType: row.attestation_type,
    sourceOs: row.source_os,
    sourceBrowser: row.source_browser,
    status: row.status as CredentialStatus,
    clientEnvId: row.client_env_id,
    suspectedCloneAt: row.suspected_clone_at === null ? null : Number(row.suspected_clone_at),
    createdAt: Number(row.created_at),
    lastUsedAt: Number(row.last_used_at),
  };
}

/** Inserts a credential; a duplicate (project, credential ID) raises a unique violation. */
export async function insertCredential(
  db: Kysely<Database>,
  credential: CredentialRecord,
): Promise<void> {
  await db
    .insertInto('credentials')
    .values({
      id: credential.id,
      project_id: credential.projectId,
      user_id: credential.userId,
      credential_id: credential.credentialId,
      username: credential.username,
      public_key: credential.publicKey,
      algorithm: credential.algorithm,
      sign_count: credential.signCount,
      transports: JSON.stringify(credential.transports),
      aaguid: credential.aaguid,
      backup_eligible: credential.backupEligible ? 1 : 0,
      backup_state: credential.backupState ? 1 : 0,
      attestation_type: credential.attestationType,
      source_os: credential.sourceOs,
      source_browser: credential.sourceBrowser,
      status: credential.status,
      client_env_id: credential.clientEnvId,
      suspected_clone_at: credential.suspectedCloneAt,
      created_at: credential.createdAt,
      last_used_at: credential.lastUsedAt,
    })
    .execute();
}

/** The credential with this raw ID (base64url) in the project; one indexed lookup. */
export async function findCredentialByCredentialId(
  db: Kysely<Database>,
  projectId: string,
  credentialId: string,
): Promise<CredentialRecord | undefined> {
  const row = await db
    .selectFrom('credentials')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
  return row ? toCredentialRecord(row) : undefined;
}

/**
 * The credential with this raw ID and what a login needs of its owner (the WebAuthn user ID),
 * in one indexed read.
 */
const selectCredentialWithOwner = preparedQuery(
  (db, args: { projectId: string; credentialId: string }) =>
    db
      .selectFrom('credentials')
      .innerJoin('users', 'users.id', 'credentials.user_id')
      .selectAll('credentials')
      .select([
        'users.explicit_webauthn_id as owner_explicit_webauthn_id',
        'users.status as owner_status',
      ])
      .where('credentials.project_id', '=', args.projectId)
      .where('credentials.credential_id', '=', args.credentialId),
);

export async function findCredentialWithOwner(
  db: Kysely<Database>,
  projectId: string,
  credentialId: string,
): Promise<
  | {
      credential: CredentialRecord;
      owner: { id: string; explicitWebauthnId: string | null; status: string };
    }
  | undefined
> {
  const [row] = (await selectCredentialWithOwner(db, { projectId, credentialId })).rows;
  if (!row) return undefined;
  const {
    owner_explicit_webauthn_id: explicitWebauthnId,
    owner_status: status,
    ...credential
  } = row;
  return {
    credential: toCredentialRecord(credential),
    owner: { id: credential.user_id, explicitWebauthnId, status },
  };
}

/** Every credential of a user, oldest first (a user has a handful). */
export async function listUserCredentials(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<CredentialRecord[]> {
  const { rows } = await selectUserCredentials(db, { projectId, userId });
  return rows.map(toCredentialRecord);
}

const selectUserCredentials = preparedQuery((db, args: { projectId: string; userId: string }) =>
  db
    .selectFrom('credentials')
    .selectAll()
    .where('project_id', '=', args.projectId)
    .where('user_id', '=', args.userId)
    .orderBy('created_at')
    .orderBy('id'),
);

export interface CredentialUseUpdate {
  id: string;
  /** The counter read before verification: the update applies only if it is still this. */
  expectedSignCount: number;
  signCount: number;
  backupState: boolean;
  lastUsedAt: number;
}

/**
 * Records a login: compare-and-set on the sign counter, so of two concurrent logins that read
 * the same counter only one moves it. Returns false when the counter changed meanwhile.
 */
export async function recordCredentialUse(
  db: Kysely<Database>,
  update: CredentialUseUpdate,
): Promise<boolean> {
  const result = await updateCredentialUse(db, {
    ...update,
    backupState: update.backupState ? 1 : 0,
  });
  return Number(result.numAffectedRows) === 1;
}

const updateCredentialUse = preparedQuery(
  (
    db,
    args: {
      id: string;
      expectedSignCount: number;
      signCount: number;
      backupState: number;
      lastUsedAt: number;
    },
  ) =>
    db
      .updateTable('credentials')
      .set({
        sign_count: args.signCount,
        backup_state: args.backupState,
        last_used_at: args.lastUsedAt,
      })
      .where('id', '=', args.id)
      .where('sign_count', '=', args.expectedSignCount),
);

/** Marks a credential as a possible clone (its counter went backwards). */
export async function markSuspectedClone(
  db: Kysely<Database>,
  id: string,
  at: number,
): Promise<void> {
  await db
    .updateTable('credentials')
    .set({ suspected_clone_at: at })
    .where('id', '=', id)
    .execute();
}

/** Fields a user's credential list can be sorted by. */
export type CredentialSortField =
  | 'userId'
  | 'createdAt'
  | 'status'
  | 'backupState'
  | 'sourceBrowser'
  | 'sourceOs';

export type CredentialFilter =
  | { field: 'userId'; op: 'eq'; value: string }
  | { field: 'status'; op: 'eq'; value: CredentialStatus }
  | { field: 'backupState'; op: 'eq'; value: boolean }
  | { field: 'createdAt'; op: FilterOperator; value: number }
  | { field: 'sourceBrowser' | 'sourceOs'; op: FilterOperator; value: string };

export interface CredentialListQuery extends PageRequest {
  projectId: string;
  userId: string;
  sort: { field: CredentialSortField; direction: SortDirection };
  filters: CredentialFilter[];
}

const credentialColumns = {
  userId: 'user_id',
  createdAt: 'created_at',
  status: 'status',
  backupState: 'backup_state',
  sourceBrowser: 'source_browser',
  sourceOs: 'source_os',
} as const;

/**
 * One page of a user's credentials. The (project_id, user_id, created_at) index narrows the
 * rows to one user's handful, so any order is a small sort.
 */
export async function listCredentials(
  db: Kysely<Database>,
  query: CredentialListQuery,
): Promise<Page<CredentialRecord>> {
  const where = (eb: ExpressionBuilder<Database, 'credentials'>) =>
    eb.and([
      eb('project_id', '=', query.projectId),
      eb('user_id', '=', query.userId),
      ...query.filters.map((filter) =>
        eb(
          credentialColumns[filter.field],
          sqlOperators[filter.op],
          typeof filter.value === 'boolean' ? (filter.value ? 1 : 0) : filter.value,
        ),
      ),
    ]);
  const direction = query.sort.direction;
  const { rows, totalItems } = await fetchPage(
    db
      .selectFrom('credentials')
      .selectAll()
      .where(where)
      .orderBy(credentialColumns[query.sort.field], direction)
      // Creation time, then the ID, break ties, so pages never overlap or skip rows.
      .orderBy('created_at', direction)
      .orderBy('id', direction),
    query,
  );
  return toPage(rows.map(toCredentialRecord), query, totalItems);
}

/**
 * Deletes one credential of one user in one statement (`DELETE … RETURNING`) and returns it
 * as it was; undefined when that user has no such credential (so of two racing deletes only
 * one gets it back). Its password-manager rows go with it (foreign key cascade).
 */
export async function deleteCredentialRow(
  db: Kysely<Database>,
  key: { projectId: string; userId: string; id: string },
): Promise<CredentialRecord | undefined> {
  const row = await db
    .deleteFrom('credentials')
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .returningAll()
    .executeTakeFirst();
  return row ? toCredentialRecord(row) : undefined;
}
