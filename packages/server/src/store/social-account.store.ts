import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { isForeignKeyViolation } from './constraint-violation.js';
import {
  compareOldestFirst,
  type FilterOperator,
  fetchPage,
  type Page,
  type PageRequest,
  type SortDirection,
  sqlOperators,
  toPage,
} from './list-query.js';
import type { Database, SocialAccountTable } from './schema.js';
import { userExists } from './user.store.js';

export type SocialProviderType = 'google' | 'microsoft' | 'github';

export interface SocialAccountRecord {
  id: string;
  projectId: string;
  userId: string;
  providerType: SocialProviderType;
  /** The user's email address at the provider, normalised like an email identifier. */
  identifierValue: string;
  foreignId: string;
  /** An http(s) URL, or empty when the provider has no picture. */
  avatarUrl: string;
  /** The name at the provider; may be empty. */
  fullName: string;
  createdAt: number;
}

/** What inserting a social account came to; only `created` wrote a row. */
export type InsertSocialAccountResult = 'created' | 'duplicate' | 'user-missing';

/** Fields a social account list can be sorted by. */
export type SocialAccountSortField = 'providerType' | 'foreignId' | 'createdAt';

export type SocialAccountFilter =
  | { field: 'providerType'; op: 'eq'; value: string }
  | { field: 'foreignId'; op: FilterOperator; value: string };

export interface SocialAccountListQuery extends PageRequest {
  projectId: string;
  /** Only this user's accounts (the per-user list). */
  userId?: string;
  sort: { field: SocialAccountSortField; direction: SortDirection };
  filters: SocialAccountFilter[];
}

const columns = {
  providerType: 'provider_type',
  foreignId: 'foreign_id',
  createdAt: 'created_at',
} as const;

function toRecord(row: SocialAccountTable): SocialAccountRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    providerType: row.provider_type as SocialProviderType,
    identifierValue: row.identifier_value,
    foreignId: row.foreign_id,
    avatarUrl: row.avatar_url,
    fullName: row.full_name,
    createdAt: Number(row.created_at),
  };
}

/**
 * Links a social account to a user of the project in one statement: the row is built from
 * the user's own row (another project's user, or none, inserts nothing) and the unique index
 * on (project, provider, foreign ID) decides duplicates. Nothing is written unless the result
 * is `created`.
 */
export async function insertSocialAccount(
  db: Kysely<Database>,
  account: SocialAccountRecord,
): Promise<InsertSocialAccountResult> {
  let inserted: { id: string }[];
  try {
    inserted = await db
      .insertInto('social_accounts')
      .columns([
        'id',
        'project_id',
        'user_id',
        'provider_type',
        'identifier_value',
        'foreign_id',
        'avatar_url',
        'full_name',
        'created_at',
      ])
      .expression(
        db
          .selectFrom('users')
          .select([
            // PostgreSQL cannot infer a parameter's type in a select list: cast each one (to
            // text, not varchar(n), which would silently truncate; the column still checks).
            sql<string>`cast(${account.id} as text)`.as('id'),
            'project_id',
            'id as user_id',
            sql<string>`cast(${account.providerType} as text)`.as('provider_type'),
            sql<string>`cast(${account.identifierValue} as text)`.as('identifier_value'),
            sql<string>`cast(${account.foreignId} as text)`.as('foreign_id'),
            sql<string>`cast(${account.avatarUrl} as text)`.as('avatar_url'),
            sql<string>`cast(${account.fullName} as text)`.as('full_name'),
            sql<number>`cast(${account.createdAt} as bigint)`.as('created_at'),
          ])
          .where('project_id', '=', account.projectId)
          .where('id', '=', account.userId),
      )
      .onConflict((oc) => oc.columns(['project_id', 'provider_type', 'foreign_id']).doNothing())
      .returning('id')
      .execute();
  } catch (error) {
    // The user was deleted between the read and the foreign-key check of this statement.
    if (isForeignKeyViolation(error)) return 'user-missing';
    throw error;
  }
  if (inserted.length > 0) return 'created';
  return (await userExists(db, account.projectId, account.userId)) ? 'duplicate' : 'user-missing';
}

/**
 * One page of a project's (or one user's) social accounts. Every condition and order is on an
 * indexed column of the project: (project_id, provider_type, foreign_id),
 * (project_id, foreign_id), (project_id, user_id), (project_id, created_at).
 */
export async function listSocialAccounts(
  db: Kysely<Database>,
  query: SocialAccountListQuery,
): Promise<Page<SocialAccountRecord>> {
  const where = (eb: ExpressionBuilder<Database, 'social_accounts'>) =>
    eb.and([
      eb('project_id', '=', query.projectId),
      ...(query.userId === undefined ? [] : [eb('user_id', '=', query.userId)]),
      ...query.filters.map((filter) =>
        eb(columns[filter.field], sqlOperators[filter.op], filter.value),
      ),
    ]);
  const direction = query.sort.direction;
  const { rows, totalItems } = await fetchPage(
    db
      .selectFrom('social_accounts')
      .selectAll()
      .where(where)
      .orderBy(columns[query.sort.field], direction)
      // The ID breaks ties, so pages never overlap or skip rows.
      .orderBy('id', direction),
    query,
  );
  return toPage(rows.map(toRecord), query, totalItems);
}

/** Every social account of the given users (one page of a user list) in one query. */
export async function listSocialAccountsOfUsers(
  db: Kysely<Database>,
  projectId: string,
  userIds: readonly string[],
): Promise<SocialAccountRecord[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('social_accounts')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', 'in', userIds)
    .execute();
  // Sorted here, not in SQL: an ORDER BY created_at would tempt SQLite (no statistics) into
  // walking the (project_id, created_at) index over the whole project instead of looking up
  // these few users by (project_id, user_id).
  return rows.map(toRecord).sort(compareOldestFirst);
}
