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
import { preparedQuery } from './prepared-query.js';
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

/**
 * One filter condition. `search` matches the start of the full name or of an identifier
 * value, case-insensitively.
 */
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
      full_name_key: foldName(user.fullName),
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
  const [row] = (await selectUser(db, { projectId, id })).rows;
  return row ? toRecord(row) : undefined;
}

const selectUser = preparedQuery((db, args: { projectId: string; id: string }) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('project_id', '=', args.projectId)
    .where('id', '=', args.id),
);

/** True when the project has this user. */
export async function userExists(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('project_id', '=', projectId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
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
      ...(changes.fullName !== undefined && {
        full_name: changes.fullName,
        full_name_key: foldName(changes.fullName),
      }),
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
          return eb('id', 'in', searchMatches(eb, query, filter.value));
        }
        return eb(columns[filter.field], sqlOperators[filter.op], filter.value);
      }),
    ]);
  const direction = query.sort.direction;
  const searching = query.filters.some((filter) => filter.field === 'search');
  const { rows, totalItems } = await fetchPage(
    db
      .selectFrom('users')
      .selectAll()
      .where(where)
      .$call((select) =>
        query.sort.field === 'fullName'
          ? // Names sort case-insensitively (the users_project_full_name_key index). Users
            // without a name come after every name in asc and before them in desc (exactly
            // the reverse); spelt out because SQLite and PostgreSQL place NULLs differently.
            select.orderBy(sortKey('full_name_key', searching), (order) =>
              direction === 'asc' ? order.asc().nullsLast() : order.desc().nullsFirst(),
            )
          : select.orderBy(sortKey(columns[query.sort.field], searching), direction),
      )
      // The ID breaks ties, so pages never overlap or skip rows.
      .orderBy('id', direction),
    query,
  );
  return toPage(rows.map(toRecord), query, totalItems);
}

/**
 * The ORDER BY key. With a search, the matching users come from the search's own index
 * scans, and are then sorted: a no-op expression (`+ 0`, `|| ''`) keeps SQLite, which plans
 * without statistics, from walking the sort column's index over every user of the project
 * to avoid that sort. PostgreSQL plans by cost either way.
 */
function sortKey(column: (typeof columns)[UserSortField] | 'full_name_key', searching: boolean) {
  if (!searching) return column;
  return column === 'created_at' || column === 'updated_at'
    ? sql<number>`${sql.ref(column)} + 0`
    : sql<string>`${sql.ref(column)} || ''`;
}

/**
 * IDs of the project's users whose name, or one of whose identifier values, starts with
 * `text`, case-insensitively. Both sides are folded at write time (names into
 * full_name_key, identifiers by their normalisation), so a prefix is a range on an indexed
 * column: [key, key + U+10FFFF). A range (unlike LIKE) uses the (project_id, full_name_key)
 * and (project_id, value) indexes on SQLite as well as PostgreSQL (both compare code point by
 * code point there: BINARY, and the "C" collation), and has no wildcards to escape. The two
 * index scans are joined with UNION so the planner can use both (an OR across a subquery
 * would make PostgreSQL filter every user of the project).
 */
function searchMatches(
  eb: ExpressionBuilder<Database, 'users'>,
  query: UserListQuery,
  text: string,
) {
  const low = foldName(text) ?? '';
  const high = `${low}\u{10FFFF}`;
  return eb
    .selectFrom('users as named')
    .select('named.id')
    .where('named.project_id', '=', query.projectId)
    .where('named.full_name_key', '>=', low)
    .where('named.full_name_key', '<', high)
    .union(
      eb
        .selectFrom('identifiers')
        .select('identifiers.user_id as id')
        .where('identifiers.project_id', '=', query.projectId)
        .where('identifiers.value', '>=', low)
        .where('identifiers.value', '<', high),
    );
}

/**
 * The search and sort key of a name: NFC-normalised and lower-cased by JavaScript, which
 * folds all of Unicode (SQLite's lower() folds ASCII only).
 */
export function foldName(name: string | null): string | null {
  return name === null ? null : name.normalize('NFC').toLowerCase();
}

/**
 * Touches the user's row inside a transaction, so that concurrent transactions about the
 * same user (PostgreSQL row lock; SQLite's single writer) run one after the other.
 * False when there is no such user.
 */
export async function lockUserRow(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ id: userId })
    .where('project_id', '=', projectId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * How many ways to sign in the user has: passkeys, email addresses and phone numbers that
 * are verified or primary (a code can reach them), and social accounts.
 */
export async function countLoginMethods(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<number> {
  const [passkeys, identifiers, socials] = await Promise.all([
    db
      .selectFrom('credentials')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('identifiers')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .where('type', 'in', ['email', 'phone'])
      .where('status', 'in', ['verified', 'primary'])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('social_accounts')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  return Number(passkeys.n) + Number(identifiers.n) + Number(socials.n);
}
