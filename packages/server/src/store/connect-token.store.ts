import type { ExpressionBuilder, Kysely } from 'kysely';
import {
  type FilterOperator,
  fetchPage,
  type Page,
  type PageRequest,
  type SortDirection,
  sqlOperators,
  toPage,
} from './list-query.js';
import type { ConnectTokenTable, Database } from './schema.js';

export type ConnectTokenType =
  | 'passkey-append'
  | 'passkey-delete'
  | 'passkey-list'
  | 'passkey-login';
export type ConnectTokenStatus = 'initial' | 'consumed';

/** What a token carries: who it is for (and, to append a passkey, the name to show). */
export interface ConnectTokenData {
  identifier: string;
  displayName?: string;
}

/** A connect token as stored: never the secret, only its SHA-256. */
export interface ConnectTokenRecord {
  id: string;
  projectId: string;
  type: ConnectTokenType;
  data: ConnectTokenData;
  status: ConnectTokenStatus;
  secretHash: string;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** Fields a connect token list can be sorted by. */
export type ConnectTokenSortField = 'id' | 'type' | 'status' | 'expiresAt' | 'createdAt';

export type ConnectTokenFilter =
  | { field: 'id' | 'type' | 'status'; op: 'eq'; value: string }
  | { field: 'expiresAt'; op: FilterOperator; value: number };

export interface ConnectTokenListQuery extends PageRequest {
  projectId: string;
  sort: { field: ConnectTokenSortField; direction: SortDirection };
  filters: ConnectTokenFilter[];
}

const columns = {
  id: 'id',
  type: 'type',
  status: 'status',
  expiresAt: 'expires_at',
  createdAt: 'created_at',
} as const;

function toRecord(row: ConnectTokenTable): ConnectTokenRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    type: row.type as ConnectTokenType,
    data: JSON.parse(row.data) as ConnectTokenData,
    status: row.status as ConnectTokenStatus,
    secretHash: row.secret_hash,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function insertConnectToken(
  db: Kysely<Database>,
  token: ConnectTokenRecord,
): Promise<void> {
  await db
    .insertInto('connect_tokens')
    .values({
      id: token.id,
      project_id: token.projectId,
      type: token.type,
      data: JSON.stringify(token.data),
      status: token.status,
      secret_hash: token.secretHash,
      created_at: token.createdAt,
      updated_at: token.updatedAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

export async function findConnectToken(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<ConnectTokenRecord | undefined> {
  const row = await db
    .selectFrom('connect_tokens')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Marks an initial token consumed in one guarded statement; undefined when the token does
 * not exist in the project or is no longer initial.
 */
export async function markConnectTokenConsumed(
  db: Kysely<Database>,
  projectId: string,
  id: string,
  now: number,
): Promise<ConnectTokenRecord | undefined> {
  const row = await db
    .updateTable('connect_tokens')
    .set({ status: 'consumed', updated_at: now })
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .where('status', '=', 'initial')
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Takes the initial, unexpired token of this type whose secret hashes to `secretHash`, in one
 * guarded UPDATE: of any number of concurrent callers exactly one gets the row.
 */
export async function consumeConnectTokenRow(
  db: Kysely<Database>,
  where: { projectId: string; secretHash: string; type: ConnectTokenType },
  now: number,
): Promise<ConnectTokenRecord | undefined> {
  const row = await db
    .updateTable('connect_tokens')
    .set({ status: 'consumed', updated_at: now })
    .where('secret_hash', '=', where.secretHash)
    .where('project_id', '=', where.projectId)
    .where('type', '=', where.type)
    .where('status', '=', 'initial')
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Deletes a token; false when the project has no token with that ID. */
export async function deleteConnectTokenRow(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('connect_tokens')
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One page of a project's connect tokens; every condition is on an indexed column. */
export async function listConnectTokens(
  db: Kysely<Database>,
  query: ConnectTokenListQuery,
): Promise<Page<ConnectTokenRecord>> {
  const where = (eb: ExpressionBuilder<Database, 'connect_tokens'>) =>
    eb.and([
      eb('project_id', '=', query.projectId),
      ...query.filters.map((filter) =>
        eb(columns[filter.field], sqlOperators[filter.op], filter.value),
      ),
    ]);
  const direction = query.sort.direction;
  const { rows, totalItems } = await fetchPage(
    db
      .selectFrom('connect_tokens')
      .selectAll()
      .where(where)
      .orderBy(columns[query.sort.field], direction)
      // The ID breaks ties, so pages never overlap or skip rows.
      .orderBy('id', direction),
    query,
  );
  return toPage(rows.map(toRecord), query, totalItems);
}
