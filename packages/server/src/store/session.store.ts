import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import {
  type FilterOperator,
  fetchPage,
  type Page,
  type PageRequest,
  type SortDirection,
  sqlOperators,
  toPage,
} from './list-query.js';
import type { Database, SessionTable } from './schema.js';

/** What is stored; `expired` and `inactivity_reached` are read from the times. */
export type StoredSessionStatus = 'active' | 'logged_out' | 'revoked';
/** common.yml `sessionStatus`. */
export type SessionStatus = StoredSessionStatus | 'expired' | 'inactivity_reached';

/** A long session as the rest of the code sees it: never the refresh token or its hash. */
export interface SessionRecord {
  id: string;
  projectId: string;
  userId: string;
  identifierValue: string;
  status: StoredSessionStatus;
  createdAt: number;
  updatedAt: number;
  lastActionAt: number;
  /** When the session ends without further use: the idle limit, capped at the absolute end. */
  expiresAt: number;
  absoluteExpiresAt: number;
}

export interface NewSession extends SessionRecord {
  refreshTokenHash: string;
}

/** Fields a session list can be sorted by. */
export type SessionSortField =
  | 'id'
  | 'userId'
  | 'expiresAt'
  | 'lastActionAt'
  | 'createdAt'
  | 'updatedAt'
  | 'status';

export type SessionFilter =
  | { field: 'id' | 'userId'; op: 'eq'; value: string }
  | { field: 'status'; op: 'eq'; value: SessionStatus }
  | {
      field: 'expiresAt' | 'lastActionAt' | 'createdAt' | 'updatedAt';
      op: FilterOperator;
      value: number;
    };

export interface SessionListQuery extends PageRequest {
  projectId: string;
  sort: { field: SessionSortField; direction: SortDirection };
  filters: SessionFilter[];
  /** The status filters compare the times with this. */
  now: number;
}

const columns = {
  id: 'id',
  userId: 'user_id',
  expiresAt: 'expires_at',
  lastActionAt: 'last_action_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  status: 'status',
} as const;

function toRecord(row: SessionTable): SessionRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    identifierValue: row.identifier_value,
    status: row.status as StoredSessionStatus,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    lastActionAt: Number(row.last_action_at),
    expiresAt: Number(row.expires_at),
    absoluteExpiresAt: Number(row.absolute_expires_at),
  };
}

/** The status a session has at `now`: a stored `active` past its times is expired. */
export function sessionStatusAt(session: SessionRecord, now: number): SessionStatus {
  if (session.status !== 'active') return session.status;
  if (session.absoluteExpiresAt <= now) return 'expired';
  if (session.expiresAt <= now) return 'inactivity_reached';
  return 'active';
}

export async function insertSession(db: Kysely<Database>, session: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      project_id: session.projectId,
      user_id: session.userId,
      identifier_value: session.identifierValue,
      status: session.status,
      refresh_token_hash: session.refreshTokenHash,
      created_at: session.createdAt,
      updated_at: session.updatedAt,
      last_action_at: session.lastActionAt,
      expires_at: session.expiresAt,
      absolute_expires_at: session.absoluteExpiresAt,
    })
    .execute();
}

export async function findSession(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Replaces the refresh token of the live session whose current token hashes to `tokenHash`,
 * in one guarded UPDATE: of concurrent refreshes with the same token exactly one gets the
 * row. Moves the idle limit to `now + idleMs`, never past the absolute end.
 */
export async function rotateSessionToken(
  db: Kysely<Database>,
  input: {
    projectId: string;
    tokenHash: string;
    newTokenHash: string;
    now: number;
    idleMs: number;
  },
): Promise<SessionRecord | undefined> {
  const idleEnd = input.now + input.idleMs;
  const row = await db
    .updateTable('sessions')
    .set({
      refresh_token_hash: input.newTokenHash,
      last_action_at: input.now,
      updated_at: input.now,
      expires_at: sql<number>`case when absolute_expires_at < ${idleEnd} then absolute_expires_at else ${idleEnd} end`,
    })
    .where('refresh_token_hash', '=', input.tokenHash)
    .where('project_id', '=', input.projectId)
    .where('status', '=', 'active')
    .where('expires_at', '>', input.now)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Remembers a rotated-out refresh token, so presenting it again is recognised as reuse. */
export async function insertRetiredToken(
  db: Kysely<Database>,
  token: {
    tokenHash: string;
    sessionId: string;
    projectId: string;
    retiredAt: number;
    expiresAt: number;
  },
): Promise<void> {
  await db
    .insertInto('session_retired_tokens')
    .values({
      token_hash: token.tokenHash,
      session_id: token.sessionId,
      project_id: token.projectId,
      retired_at: token.retiredAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** The session a rotated-out refresh token belonged to, if it was one of the project's. */
export async function findRetiredTokenSession(
  db: Kysely<Database>,
  projectId: string,
  tokenHash: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('session_retired_tokens')
    .select('session_id')
    .where('token_hash', '=', tokenHash)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row?.session_id;
}

/**
 * Ends an active session (`revoked` or `logged_out`), found by its ID or by the hash of its
 * current refresh token, in one guarded UPDATE; undefined when the project has no such
 * active session.
 */
export async function endSession(
  db: Kysely<Database>,
  input: { projectId: string; status: 'revoked' | 'logged_out'; now: number } & (
    | { id: string }
    | { tokenHash: string }
  ),
): Promise<SessionRecord | undefined> {
  const row = await db
    .updateTable('sessions')
    .set({ status: input.status, updated_at: input.now })
    .where((eb) =>
      'id' in input ? eb('id', '=', input.id) : eb('refresh_token_hash', '=', input.tokenHash),
    )
    .where('project_id', '=', input.projectId)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Revokes every active session of a user; returns how many there were. */
export async function revokeUserSessions(
  db: Kysely<Database>,
  input: { projectId: string; userId: string; now: number },
): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ status: 'revoked', updated_at: input.now })
    .where('project_id', '=', input.projectId)
    .where('user_id', '=', input.userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** SQL for "has this status at `now`" (the computed statuses compare the times). */
function statusCondition(
  eb: ExpressionBuilder<Database, 'sessions'>,
  status: SessionStatus,
  now: number,
) {
  switch (status) {
    case 'active':
      return eb.and([eb('status', '=', 'active'), eb('expires_at', '>', now)]);
    case 'expired':
      return eb.and([eb('status', '=', 'active'), eb('absolute_expires_at', '<=', now)]);
    case 'inactivity_reached':
      return eb.and([
        eb('status', '=', 'active'),
        eb('expires_at', '<=', now),
        eb('absolute_expires_at', '>', now),
      ]);
    default:
      return eb('status', '=', status);
  }
}

/** One page of a project's sessions; every condition is on an indexed column. */
export async function listSessions(
  db: Kysely<Database>,
  query: SessionListQuery,
): Promise<Page<SessionRecord>> {
  const where = (eb: ExpressionBuilder<Database, 'sessions'>) =>
    eb.and([
      eb('project_id', '=', query.projectId),
      ...query.filters.map((filter) =>
        filter.field === 'status'
          ? statusCondition(eb, filter.value, query.now)
          : eb(columns[filter.field], sqlOperators[filter.op], filter.value),
      ),
    ]);
  const direction = query.sort.direction;
  const { rows, totalItems } = await fetchPage(
    db
      .selectFrom('sessions')
      .selectAll()
      .where(where)
      .orderBy(columns[query.sort.field], direction)
      // The ID breaks ties, so pages never overlap or skip rows.
      .orderBy('id', direction),
    query,
  );
  return toPage(rows.map(toRecord), query, totalItems);
}
