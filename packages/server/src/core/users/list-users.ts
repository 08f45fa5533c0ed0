import type { Page } from '../../store/list-query.js';
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
 * `fullName` (users have one name); `searchValue` matches the start of the full name,
 * case-insensitively (identifier values join in when identifiers exist).
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

/**
 * One page of a project's users.
 * @throws VALIDATION_FAILED for unknown sort or filter fields and bad values.
 */
export async function listUsers(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  raw: RawListParams,
): Promise<Page<UserRecord>> {
  const params = parseListParams(raw, userListSpec);
  return listUserRows(deps.db, {
    projectId,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    // The spec table guarantees each field's operator and value type.
    filters: params.filters as UserFilter[],
  });
}
