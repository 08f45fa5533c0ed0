import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import {
  fetchPage,
  type Page,
  type PageRequest,
  type SortDirection,
  toPage,
} from './list-query.js';
import { preparedQuery } from './prepared-query.js';
import type { Database, PasskeyEventTable } from './schema.js';

export type PasskeyEventType =
  | 'user-login-blacklisted'
  | 'login-explicit-abort'
  | 'login-error'
  | 'login-error-untyped'
  | 'login-one-tap-switch'
  | 'user-append-after-cross-platform-blacklisted'
  | 'user-append-after-login-error-blacklisted'
  | 'append-credential-exists'
  | 'append-explicit-abort'
  | 'append-error'
  | 'login-no-credentials';

/** A passkey event of a user; `expires` (Unix seconds) ends its relevance. */
export interface PasskeyEventRecord {
  id: string;
  projectId: string;
  userId: string;
  eventType: PasskeyEventType;
  processId: string | null;
  clientEnvId: string | null;
  credentialId: string | null;
  challenge: string | null;
  /** Unix seconds, as the API carries it. */
  expires: number | null;
  createdAt: number;
}

export type PasskeyEventSortField = 'createdAt' | 'eventType';
export type PasskeyEventFilter = { field: 'eventType'; op: 'eq'; value: string };

export interface PasskeyEventListQuery extends PageRequest {
  projectId: string;
  userId: string;
  /** Events whose expiry is at or before this are left out (they no longer count). */
  now: number;
  sort: { field: PasskeyEventSortField; direction: SortDirection };
  filters: PasskeyEventFilter[];
}

const columns = { createdAt: 'created_at', eventType: 'event_type' } as const;

function toRecord(row: PasskeyEventTable): PasskeyEventRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    eventType: row.event_type as PasskeyEventType,
    processId: row.process_id,
    clientEnvId: row.client_env_id,
    credentialId: row.credential_id,
    challenge: row.challenge,
    expires: row.expires === null ? null : Number(row.expires),
    createdAt: Number(row.created_at),
  };
}

export async function insertPasskeyEvent(
  db: Kysely<Database>,
  event: PasskeyEventRecord,
): Promise<void> {
  await db
    .insertInto('passkey_events')
    .values({
      id: event.id,
      project_id: event.projectId,
      user_id: event.userId,
      event_type: event.eventType,
      process_id: event.processId,
      client_env_id: event.clientEnvId,
      credential_id: event.credentialId,
      challenge: event.challenge,
      expires: event.expires,
      // The janitor deletes by this column.
      expires_at: event.expires === null ? null : event.expires * 1000,
      created_at: event.createdAt,
    })
    .execute();
}

/** Rows that still count at `now`: no expiry, or an expiry still ahead. */
function live(eb: ExpressionBuilder<Database, 'passkey_events'>, now: number) {
  return eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]);
}

/**
 * Deletes one of a user's live events; false when there is none with that ID for that user
 * in the project.
 */
export async function deletePasskeyEventRow(
  db: Kysely<Database>,
  where: { projectId: string; userId: string; id: string },
  now: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('passkey_events')
    .where('project_id', '=', where.projectId)
    .where('user_id', '=', where.userId)
    .where('id', '=', where.id)
    .where((eb) => live(eb, now))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One page of a user's live passkey events (on the user_id indexes). */
export async function listPasskeyEvents(
  db: Kysely<Database>,
  query: PasskeyEventListQuery,
): Promise<Page<PasskeyEventRecord>> {
  const where = (eb: ExpressionBuilder<Database, 'passkey_events'>) =>
    eb.and([
      eb('user_id', '=', query.userId),
      eb('project_id', '=', query.projectId),
      live(eb, query.now),
      ...query.filters.map((filter) => eb(columns[filter.field], '=', filter.value)),
    ]);
  const direction = query.sort.direction;
  const { rows, totalItems } = await fetchPage(
    db
      .selectFrom('passkey_events')
      .selectAll()
      .where(where)
      .orderBy(columns[query.sort.field], direction)
      // The ID breaks ties, so pages never overlap or skip rows.
      .orderBy('id', direction),
    query,
  );
  return toPage(rows.map(toRecord), query, totalItems);
}

/** At most this many live events per user are read: the newest ones are plenty. */
export const livePasskeyEventsLimit = 100;

/**
 * A user's live passkey events, newest first, at most livePasskeyEventsLimit (the decision
 * engine reads them on every ceremony start; on the user_id indexes).
 */
export async function listLivePasskeyEvents(
  db: Kysely<Database>,
  query: { projectId: string; userId: string; now: number },
): Promise<PasskeyEventRecord[]> {
  const { rows } = await selectLiveEvents(db, query);
  return rows.map(toRecord);
}

const selectLiveEvents = preparedQuery(
  (db, args: { projectId: string; userId: string; now: number }) =>
    db
      .selectFrom('passkey_events')
      .selectAll()
      .where('user_id', '=', args.userId)
      .where('project_id', '=', args.projectId)
      .where((eb) => live(eb, args.now))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      // A literal, not a bound parameter: SQLite runs `limit ?` with a sorter several times
      // slower than `limit 100` (measured: about 30 µs against 7 µs on an empty table).
      .limit(sql.lit(livePasskeyEventsLimit)),
);
