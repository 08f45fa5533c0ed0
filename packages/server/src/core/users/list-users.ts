import { type IdentifierRecord, listIdentifiersOfUsers } from '../../store/identifier.store.js';
import type { Page } from '../../store/list-query.js';
import {
  listSocialAccountsOfUsers,
  type SocialAccountRecord,
} from '../../store/social-account.store.js';
import {
  listUsers as listUserRows,
  type UserFilter,
  type UserRecord,
  type UserSortField,
} from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import {
  type ListSpec,
  parseListParams,
  type RawListParams,
} from '../listing/parse-list-params.js';
import { userStatuses } from './user-fields.js';

type UserFilterField = UserFilter['field'];

/**
 * The Backend API's sort and filter fields for `GET /users`. `name` is an alias of
 * `fullName` (users have one name); `searchValue` matches the start of the full name or of
 * any of the user's identifier values (emails, phone numbers, usernames), case-insensitively.
 */
export const userListSpec: ListSpec<UserSortField, UserFilterField> = {
  sortFields: {
    id: 'id',
    name: 'fullName',
    fullName: 'fullName',
    created: 'createdAt',
    updated: 'updatedAt',
    status: 'status',
  },
  filterFields: {
    id: { field: 'id', spec: { type: 'id', kind: 'user' } },
    userID: { field: 'id', spec: { type: 'id', kind: 'user' } },
    searchValue: { field: 'search', spec: { type: 'search' } },
    name: { field: 'fullName', spec: { type: 'string' } },
    fullName: { field: 'fullName', spec: { type: 'string' } },
    created: { field: 'createdAt', spec: { type: 'timestamp' } },
    updated: { field: 'updatedAt', spec: { type: 'timestamp' } },
    status: { field: 'status', spec: { type: 'enum', values: userStatuses } },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

/** A user with its login identifiers and social accounts (the wire's `userAggregate`). */
export interface UserAggregate {
  user: UserRecord;
  /** Oldest first. */
  identifiers: IdentifierRecord[];
  /** Oldest first. */
  socialAccounts: SocialAccountRecord[];
}

/**
 * One page of a project's users with their identifiers and social accounts. The related rows
 * of the whole page come in one query per table, not one per user.
 * @throws VALIDATION_FAILED for unknown sort or filter fields and bad values.
 */
export async function listUsers(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  raw: RawListParams,
): Promise<Page<UserAggregate>> {
  const params = parseListParams(raw, userListSpec);
  const page = await listUserRows(deps.db, {
    projectId,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    // The spec table guarantees each field's operator and value type.
    filters: params.filters as UserFilter[],
  });
  const userIds = page.items.map((user) => user.id);
  const [identifiers, socialAccounts] = await Promise.all([
    listIdentifiersOfUsers(deps.db, projectId, userIds),
    listSocialAccountsOfUsers(deps.db, projectId, userIds),
  ]);
  const identifiersByUser = groupByUser(identifiers);
  const accountsByUser = groupByUser(socialAccounts);
  return {
    ...page,
    items: page.items.map((user) => ({
      user,
      identifiers: identifiersByUser.get(user.id) ?? [],
      socialAccounts: accountsByUser.get(user.id) ?? [],
    })),
  };
}

function groupByUser<T extends { userId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.userId);
    if (group) group.push(row);
    else groups.set(row.userId, [row]);
  }
  return groups;
}
