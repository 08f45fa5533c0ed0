import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import {
  fetchPage,
  type Page,
  type PageRequest,
  type SortDirection,
  toPage,
} from './list-query.js';
import { preparedQuery } from './prepared-query.js';
import type { Database, PasskeyChallengeTable } from './schema.js';

export type PasskeyChallengeType = 'register' | 'authenticate';
export type PasskeyCeremony = 'append' | 'login' | 'mediation';
export type PasskeyChallengeStatus = 'pending' | 'completed' | 'consumed';

export interface PasskeyChallengeRecord {
  id: string;
  projectId: string;
  /** Null for conditional UI (mediation). */
  userId: string | null;
  type: PasskeyChallengeType;
  ceremony: PasskeyCeremony;
  /** base64url of the 32 challenge bytes. */
  value: string;
  status: PasskeyChallengeStatus;
  processId: string;
  /** Append only: the name the passkey is created for. */
  username: string | null;
  /** The client environment (cle-…) the start came from, when it was known then. */
  clientEnvId: string | null;
  /** The credential (cre-…) the finished ceremony used or created. */
  credentialId: string | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

export function toPasskeyChallengeRecord(
  row: Selectable<PasskeyChallengeTable>,
): PasskeyChallengeRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    type: row.type as PasskeyChallengeType,
    ceremony: row.ceremony as PasskeyCeremony,
    value: row.value,
    status: row.status as PasskeyChallengeStatus,
    processId: row.process_id,
    username: row.username,
    clientEnvId: row.client_env_id,
    credentialId: row.credential_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function insertPasskeyChallenge(
  db: Kysely<Database>,
  challenge: PasskeyChallengeRecord,
): Promise<void> {
  await insertChallengeRow(db, challenge);
}

const insertChallengeRow = preparedQuery((db, challenge: PasskeyChallengeRecord) =>
  db.insertInto('passkey_challenges').values({
    id: challenge.id,
    project_id: challenge.projectId,
    user_id: challenge.userId,
    type: challenge.type,
    ceremony: challenge.ceremony,
    value: challenge.value,
    status: challenge.status,
    process_id: challenge.processId,
    username: challenge.username,
    client_env_id: challenge.clientEnvId,
    credential_id: challenge.credentialId,
    created_at: challenge.createdAt,
    updated_at: challenge.updatedAt,
    expires_at: challenge.expiresAt,
  }),
);

export interface ConsumeChallengeInput {
  projectId: string;
  value: string;
  ceremony: PasskeyCeremony;
  now: number;
  /** For logins: the credential (cre-…) the assertion names, recorded with the consumption. */
  credentialId?: string | undefined;
}

/**
 * Takes a pending, unexpired challenge of this ceremony in one guarded UPDATE (pending →
 * completed): of two concurrent finishes with the same challenge exactly one gets it back.
 * Returns undefined when the challenge is unknown, of another ceremony, used or expired.
 */
export async function consumePendingChallenge(
  db: Kysely<Database>,
  input: ConsumeChallengeInput,
): Promise<PasskeyChallengeRecord | undefined> {
  const [row] = (
    await updatePendingToCompleted(db, {
      projectId: input.projectId,
      value: input.value,
      ceremony: input.ceremony,
      now: input.now,
      credentialId: input.credentialId ?? null,
    })
  ).rows;
  return row ? toPasskeyChallengeRecord(row) : undefined;
}

const updatePendingToCompleted = preparedQuery(
  (
    db,
    args: {
      projectId: string;
      value: string;
      ceremony: PasskeyCeremony;
      now: number;
      credentialId: string | null;
    },
  ) =>
    db
      .updateTable('passkey_challenges')
      .set({
        status: 'completed',
        updated_at: args.now,
        // A null credential leaves the column as it was.
        credential_id: sql<string | null>`coalesce(${args.credentialId}, credential_id)`,
      })
      .where('project_id', '=', args.projectId)
      .where('value', '=', args.value)
      .where('ceremony', '=', args.ceremony)
      .where('status', '=', 'pending')
      .where('expires_at', '>', args.now)
      .returningAll(),
);

/** Records which credential a finished ceremony used or created (and its user, for mediation). */
export async function setChallengeCredential(
  db: Kysely<Database>,
  input: { id: string; credentialId: string; userId: string; now: number },
): Promise<void> {
  await db
    .updateTable('passkey_challenges')
    .set({ credential_id: input.credentialId, user_id: input.userId, updated_at: input.now })
    .where('id', '=', input.id)
    .execute();
}

/**
 * Consumes a completed login challenge for the signed passkey data that carries its ID
 * (completed → consumed): the token verifies once. Undefined when it is not (or no longer)
 * completed, or the row is gone.
 */
export async function consumeCompletedChallenge(
  db: Kysely<Database>,
  input: { projectId: string; id: string; now: number },
): Promise<PasskeyChallengeRecord | undefined> {
  const row = await db
    .updateTable('passkey_challenges')
    .set({ status: 'consumed', updated_at: input.now })
    .where('project_id', '=', input.projectId)
    .where('id', '=', input.id)
    .where('status', '=', 'completed')
    .returningAll()
    .executeTakeFirst();
  return row ? toPasskeyChallengeRecord(row) : undefined;
}

/** Fields a user's passkey challenge list can be sorted by. */
export type PasskeyChallengeSortField = 'userId' | 'projectId' | 'status' | 'type' | 'createdAt';

export type PasskeyChallengeFilter =
  | { field: 'userId' | 'projectId'; op: 'eq'; value: string }
  | { field: 'status'; op: 'eq'; value: PasskeyChallengeStatus }
  | { field: 'type'; op: 'eq'; value: PasskeyChallengeType };

export interface PasskeyChallengeListQuery extends PageRequest {
  projectId: string;
  userId: string;
  sort: { field: PasskeyChallengeSortField; direction: SortDirection };
  filters: PasskeyChallengeFilter[];
}

const challengeColumns = {
  userId: 'user_id',
  projectId: 'project_id',
  status: 'status',
  type: 'type',
  createdAt: 'created_at',
} as const;

/**
 * One page of a user's passkey challenges, expired ones included until the janitor removes
 * them (on the (project_id, user_id, created_at) index).
 */
export async function listPasskeyChallenges(
  db: Kysely<Database>,
  query: PasskeyChallengeListQuery,
): Promise<Page<PasskeyChallengeRecord>> {
  const where = (eb: ExpressionBuilder<Database, 'passkey_challenges'>) =>
    eb.and([
      eb('project_id', '=', query.projectId),
      eb('user_id', '=', query.userId),
      ...query.filters.map((filter) => eb(challengeColumns[filter.field], '=', filter.value)),
    ]);
  const direction = query.sort.direction;
  const { rows, totalItems } = await fetchPage(
    db
      .selectFrom('passkey_challenges')
      .selectAll()
      .where(where)
      .orderBy(challengeColumns[query.sort.field], direction)
      // Creation time, then the ID, break ties, so pages never overlap or skip rows.
      .orderBy('created_at', direction)
      .orderBy('id', direction),
    query,
  );
  return toPage(rows.map(toPasskeyChallengeRecord), query, totalItems);
}

/**
 * Retires one of a user's challenges (pending or completed → consumed) in one guarded UPDATE,
 * so it can neither finish a ceremony nor back signed passkey data any more. Undefined when
 * the user has no such challenge or it is already consumed.
 */
export async function retireUserPasskeyChallenge(
  db: Kysely<Database>,
  key: { projectId: string; userId: string; id: string },
  now: number,
): Promise<PasskeyChallengeRecord | undefined> {
  const row = await db
    .updateTable('passkey_challenges')
    .set({ status: 'consumed', updated_at: now })
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .where('status', 'in', ['pending', 'completed'])
    .returningAll()
    .executeTakeFirst();
  return row ? toPasskeyChallengeRecord(row) : undefined;
}

/** One of a user's challenges by its ID (pch-…). */
export async function findUserPasskeyChallenge(
  db: Kysely<Database>,
  key: { projectId: string; userId: string; id: string },
): Promise<PasskeyChallengeRecord | undefined> {
  const row = await db
    .selectFrom('passkey_challenges')
    .selectAll()
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .executeTakeFirst();
  return row ? toPasskeyChallengeRecord(row) : undefined;
}
