import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { isForeignKeyViolation, isUniqueViolation } from './constraint-violation.js';
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
import type { Database, IdentifierTable } from './schema.js';
import { userExists } from './user.store.js';

export type IdentifierType = 'email' | 'phone' | 'username';
export type IdentifierStatus = 'pending' | 'primary' | 'verified';

export interface IdentifierRecord {
  id: string;
  projectId: string;
  userId: string;
  type: IdentifierType;
  /** Normalised: emails and usernames lower-case, phone numbers E.164. */
  value: string;
  status: IdentifierStatus;
  createdAt: number;
  updatedAt: number;
}

/** What inserting an identifier came to; only `created` wrote a row. */
export type InsertIdentifierResult = 'created' | 'duplicate' | 'user-missing';

/** Fields an identifier list can be sorted by. */
export type IdentifierSortField = 'userId' | 'type' | 'value' | 'createdAt';

export type IdentifierFilter =
  | { field: 'userId' | 'type'; op: 'eq'; value: string }
  | { field: 'value'; op: FilterOperator; value: string };

export interface IdentifierListQuery extends PageRequest {
  projectId: string;
  sort: { field: IdentifierSortField; direction: SortDirection };
  filters: IdentifierFilter[];
}

const columns = {
  userId: 'user_id',
  type: 'type',
  value: 'value',
  createdAt: 'created_at',
} as const;

function toRecord(row: IdentifierTable): IdentifierRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    type: row.type as IdentifierType,
    value: row.value,
    status: row.status as IdentifierStatus,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/**
 * Adds an identifier to a user of the project in one statement: the row is built from the
 * user's own row (so a user of another project, or none, inserts nothing), and the unique
 * index on (project, type, value) decides duplicates (`ON CONFLICT DO NOTHING`), so two
 * racing requests cannot both win. Nothing is written unless the result is `created`.
 */
export async function insertIdentifier(
  db: Kysely<Database>,
  identifier: IdentifierRecord,
): Promise<InsertIdentifierResult> {
  let inserted: { id: string }[];
  try {
    inserted = await db
      .insertInto('identifiers')
      .columns([
        'id',
        'project_id',
        'user_id',
        'type',
        'value',
        'status',
        'created_at',
        'updated_at',
      ])
      .expression(
        db
          .selectFrom('users')
          .select([
            // PostgreSQL cannot infer a parameter's type in a select list: cast each one (to
            // text, not varchar(n), which would silently truncate; the column still checks).
            sql<string>`cast(${identifier.id} as text)`.as('id'),
            'project_id',
            'id as user_id',
            sql<string>`cast(${identifier.type} as text)`.as('type'),
            sql<string>`cast(${identifier.value} as text)`.as('value'),
            sql<string>`cast(${identifier.status} as text)`.as('status'),
            sql<number>`cast(${identifier.createdAt} as bigint)`.as('created_at'),
            sql<number>`cast(${identifier.updatedAt} as bigint)`.as('updated_at'),
          ])
          .where('project_id', '=', identifier.projectId)
          .where('id', '=', identifier.userId),
      )
      .onConflict((oc) => oc.columns(['project_id', 'type', 'value']).doNothing())
      .returning('id')
      .execute();
  } catch (error) {
    // The user was deleted between the read and the foreign-key check of this statement.
    if (isForeignKeyViolation(error)) return 'user-missing';
    throw error;
  }
  if (inserted.length > 0) return 'created';
  // Nothing was inserted: either there was no such user, or the value is taken.
  return (await userExists(db, identifier.projectId, identifier.userId))
    ? 'duplicate'
    : 'user-missing';
}

/** Sets the status of one identifier of one user; undefined when there is no such identifier. */
export async function updateIdentifierStatus(
  db: Kysely<Database>,
  key: { projectId: string; userId: string; id: string },
  status: IdentifierStatus,
  now: number,
): Promise<IdentifierRecord | undefined> {
  const row = await db
    .updateTable('identifiers')
    .set({ status, updated_at: now })
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Changes the value (and status) of one identifier of one user. The unique index decides a
 * value another identifier has: `duplicate`, and nothing changed.
 */
export async function updateIdentifierValue(
  db: Kysely<Database>,
  key: { projectId: string; userId: string; id: string },
  changes: { value: string; status: IdentifierStatus },
  now: number,
): Promise<'updated' | 'duplicate' | 'missing'> {
  try {
    const result = await db
      .updateTable('identifiers')
      .set({ value: changes.value, status: changes.status, updated_at: now })
      .where('project_id', '=', key.projectId)
      .where('user_id', '=', key.userId)
      .where('id', '=', key.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? 'updated' : 'missing';
  } catch (error) {
    if (isUniqueViolation(error)) return 'duplicate';
    throw error;
  }
}

/** Deletes one identifier of one user; false when there is no such identifier. */
export async function deleteIdentifierRow(
  db: Kysely<Database>,
  key: { projectId: string; userId: string; id: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('identifiers')
    .where('project_id', '=', key.projectId)
    .where('user_id', '=', key.userId)
    .where('id', '=', key.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * One page of a project's identifiers. Every condition and order is on an indexed column of
 * the project: (project_id, user_id), (project_id, type, value), (project_id, value),
 * (project_id, created_at).
 */
export async function listIdentifiers(
  db: Kysely<Database>,
  query: IdentifierListQuery,
): Promise<Page<IdentifierRecord>> {
  const where = (eb: ExpressionBuilder<Database, 'identifiers'>) =>
    eb.and([
      eb('project_id', '=', query.projectId),
      ...query.filters.map((filter) =>
        eb(columns[filter.field], sqlOperators[filter.op], filter.value),
      ),
    ]);
  const direction = query.sort.direction;
  const { rows, totalItems } = await fetchPage(
    db
      .selectFrom('identifiers')
      .selectAll()
      .where(where)
      .orderBy(columns[query.sort.field], direction)
      // The ID breaks ties, so pages never overlap or skip rows.
      .orderBy('id', direction),
    query,
  );
  return toPage(rows.map(toRecord), query, totalItems);
}

/**
 * Every identifier of the given users (one page of a user list) in one query, oldest first.
 */
export async function listIdentifiersOfUsers(
  db: Kysely<Database>,
  projectId: string,
  userIds: readonly string[],
): Promise<IdentifierRecord[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('identifiers')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', 'in', userIds)
    .execute();
  // Sorted here, not in SQL: an ORDER BY created_at would tempt SQLite (no statistics) into
  // walking the (project_id, created_at) index over the whole project instead of looking up
  // these few users by (project_id, user_id).
  return rows.map(toRecord).sort(compareOldestFirst);
}

/** The project's identifier of this type and (normalised) value; undefined when there is none. */
export async function findIdentifierByValue(
  db: Kysely<Database>,
  projectId: string,
  type: IdentifierType,
  value: string,
): Promise<IdentifierRecord | undefined> {
  const row = await db
    .selectFrom('identifiers')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('type', '=', type)
    .where('value', '=', value)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}
