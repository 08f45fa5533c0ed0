import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import {
  type FilterOperator,
  offsetOf,
  type Page,
  type PageRequest,
  type SortDirection,
  toPage,
} from './list-query.js';
import type { Database, UserRow } from './schema.js';

export type UserStatus = 'pending' | 'active' | 'disabled';

export interface UserRecord {
  id: string;
  projectId: string;
  fullName: string | null;
  status: UserStatus;
  explicitWebauthnId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Fields a user list can be sorted by. */
export type UserSortField = 'id' | 'fullName' | 'status' | 'createdAt' | 'updatedAt';

/** One filter condition. `search` matches the start of the full name, case-insensitively. */
export type UserFilter =
  | { field: 'id' | 'status'; op: 'eq'; value: string }
  | { field: 'fullName'; op: FilterOperator; value: string }
  | { field: 'createdAt' | 'updatedAt'; op: FilterOperator; value: number }
  | { field: 'search'; op: 'eq'; value: string };

export interface UserListQuery extends PageRequest {
  projectId: string;
  sort: { field: UserSortField; direction: SortDirection };
  filters: UserFilter[];
}

const columns = {
  id: 'id',
  fullName: 'full_name',
  status: 'status',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

const sqlOperators = { eq: '=', gt: '>', lt: '<' } as const;

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    fullName: row.full_name,
    status: row.status as UserStatus,
    explicitWebauthnId: row.explicit_webauthn_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertUser(db: Kysely<Database>, user: UserRecord): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      project_id: user.projectId,
      full_name: user.fullName,
      status: user.status,
      explicit_webauthn_id: user.explicitWebauthnId,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    })
    .execute();
}

export async function findUser(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function updateUserRow(
  db: Kysely<Database>,
  projectId: string,
  id: string,
  changes: { fullName?: string | null; status?: UserStatus },
  now: number,
): Promise<UserRecord | undefined> {
  const row = await db
    .updateTable('users')
    .set({
      ...(changes.fullName !== undefined && { full_name: changes.fullName }),
      ...(changes.status !== undefined && { status: changes.status }),
      updated_at: now,
    })
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Deletes the user (rows that hang off it go by ON DELETE CASCADE); false when absent. */
export async function deleteUserRow(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('users')
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One page of a project's users. Every condition is on an indexed column of the project. */
export async function listUsers(
  db: Kysely<Database>,
  query: UserListQuery,
): Promise<Page<UserRecord>> {
  const where = (eb: ExpressionBuilder<Database, 'users'>) =>
    eb.and([
      eb('project_id', '=', query.projectId),
      ...query.filters.map((filter) => {
        if (filter.field === 'search') {
          const pattern = `${escapeLike(filter.value.toLowerCase())}%`;
          return sql<SqlBool>`lower(full_name) like ${pattern} escape '\\'`;
        }
        return eb(columns[filter.field], sqlOperators[filter.op], filter.value);
      }),
    ]);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('users')
      .selectAll()
      .where(where)
      .orderBy(columns[query.sort.field], query.sort.direction)
      .orderBy('id', query.sort.direction)
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('total'))
      .where(where)
      .executeTakeFirstOrThrow(),
  ]);
  return toPage(rows.map(toRecord), query, Number(count.total));
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
