import type { Kysely, Selectable } from 'kysely';
import type { ChallengeTable, Database } from './schema.js';

export type ChallengeType = 'email_otp' | 'email_link' | 'sms_otp';
export type ChallengeStatus = 'pending' | 'completed' | 'expired';

/** A challenge as stored: never the code or link token, only its SHA-256. */
export interface ChallengeRecord {
  id: string;
  projectId: string;
  userId: string;
  type: ChallengeType;
  /** Normalised like the identifier it verifies (lower-case email, E.164 phone). */
  identifierValue: string;
  codeHash: string;
  status: ChallengeStatus;
  /** Wrong values tried so far. */
  attempts: number;
  /** The caller's `challengeMetadata`. */
  metadata: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** Which challenge: always scoped by project and user. */
export interface ChallengeKey {
  projectId: string;
  userId: string;
  id: string;
}

function toRecord(row: Selectable<ChallengeTable>): ChallengeRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    type: row.type as ChallengeType,
    identifierValue: row.identifier_value,
    codeHash: row.code_hash,
    status: row.status as ChallengeStatus,
    attempts: Number(row.attempts),
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function insertChallenge(
  db: Kysely<Database>,
  challenge: ChallengeRecord,
): Promise<void> {
  await db
    .insertInto('challenges')
    .values({
      id: challenge.id,
      project_id: challenge.projectId,
      user_id: challenge.userId,
      type: challenge.type,
      identifier_value: challenge.identifierValue,
      code_hash: challenge.codeHash,
      status: challenge.status,
      attempts: challenge.attempts,
      metadata: JSON.stringify(challenge.metadata),
      created_at: challenge.createdAt,
      updated_at: challenge.updatedAt,
      expires_at: challenge.expiresAt,
    })
    .execute();
}

/** Removes a challenge (one whose message could not be sent); false when absent. */
export async function deleteChallengeRow(
  db: Kysely<Database>,
  key: ChallengeKey,
): Promise<boolean> {
  const result = await db
    .deleteFrom('challenges')
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Reads a challenge and takes its row lock until the transaction ends: a no-op UPDATE, so
 * PostgreSQL makes concurrent verifications of the same challenge wait for this one's commit
 * (and then see its outcome) and SQLite, which has one writer, serialises them anyway. Call
 * it inside a transaction. Undefined when there is no such challenge.
 */
export async function lockChallenge(
  db: Kysely<Database>,
  key: ChallengeKey,
): Promise<ChallengeRecord | undefined> {
  const row = await db
    .updateTable('challenges')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Marks a pending, unexpired, unlocked challenge completed in one guarded statement; false
 * when it was not in that state (another request completed it, it expired or it locked).
 */
export async function markChallengeCompleted(
  db: Kysely<Database>,
  key: ChallengeKey,
  now: number,
  maxAttempts: number,
): Promise<boolean> {
  const result = await db
    .updateTable('challenges')
    .set({ status: 'completed', updated_at: now })
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Counts one wrong value against a pending, unexpired, unlocked challenge in one statement
 * (`attempts = attempts + 1`); returns the new count, or undefined when the challenge was not
 * in that state.
 */
export async function countWrongAttempt(
  db: Kysely<Database>,
  key: ChallengeKey,
  now: number,
  maxAttempts: number,
): Promise<number | undefined> {
  const row = await db
    .updateTable('challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .returning('attempts')
    .executeTakeFirst();
  return row ? Number(row.attempts) : undefined;
}

/**
 * True when the user of the project has a login identifier of this type with exactly this
 * (normalised) value. One lookup on the unique (project_id, type, value) index.
 */
export async function userHasIdentifier(
  db: Kysely<Database>,
  query: { projectId: string; userId: string; type: 'email' | 'phone'; value: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('identifiers')
    .select('user_id')
    .where('project_id', '=', query.projectId)
    .where('type', '=', query.type)
    .where('value', '=', query.value)
    .executeTakeFirst();
  return row?.user_id === query.userId;
}

/**
 * The user's newest pending challenge for one identifier value (what `/v2/me/identifier/
 * verify/finish` checks a code against). One lookup on (project_id, user_id).
 */
export async function findLatestPendingChallenge(
  db: Kysely<Database>,
  query: { projectId: string; userId: string; identifierValue: string },
): Promise<ChallengeRecord | undefined> {
  const row = await db
    .selectFrom('challenges')
    .selectAll()
    .where('project_id', '=', query.projectId)
    .where('user_id', '=', query.userId)
    .where('identifier_value', '=', query.identifierValue)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The project's challenge with this ID, whoever it belongs to; undefined when there is none. */
export async function findChallenge(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<ChallengeRecord | undefined> {
  const row = await db
    .selectFrom('challenges')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}
