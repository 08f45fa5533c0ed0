import {
  type CredentialFilter,
  type CredentialSortField,
  listCredentials as listCredentialRows,
} from '../../../store/credential.store.js';
import type { Page } from '../../../store/list-query.js';
import type { CoreDeps } from '../../deps.js';
import {
  type ListSpec,
  type ParsedFilter,
  parseListParams,
  type RawListParams,
} from '../../listing/parse-list-params.js';
import { getUser } from '../../users/get-user.js';
import type { AaguidCatalog } from '../aaguid-catalog.js';
import { type CredentialWithDetails, credentialStatuses } from './record-fields.js';

/**
 * The spec's fields for `GET /users/{userID}/credentials`: `userID`, `created`, `status`,
 * `backupState` (`true`/`false`), `browserName` and `osName` (the source browser and OS the
 * passkey was created on). Without `sort`, oldest first.
 */
export const credentialListSpec: ListSpec<CredentialSortField, CredentialFilter['field']> = {
  sortFields: {
    userID: 'userId',
    created: 'createdAt',
    status: 'status',
    backupState: 'backupState',
    browserName: 'sourceBrowser',
    osName: 'sourceOs',
  },
  filterFields: {
    userID: { field: 'userId', spec: { type: 'id', kind: 'user' } },
    created: { field: 'createdAt', spec: { type: 'timestamp' } },
    status: { field: 'status', spec: { type: 'enum', values: credentialStatuses } },
    backupState: { field: 'backupState', spec: { type: 'enum', values: ['true', 'false'] } },
    browserName: { field: 'sourceBrowser', spec: { type: 'string' } },
    osName: { field: 'sourceOs', spec: { type: 'string' } },
  },
  defaultSort: { field: 'createdAt', direction: 'asc' },
};

/** The store's filter for a parsed one (the spec table guarantees operator and value type). */
function toCredentialFilter(filter: ParsedFilter<CredentialFilter['field']>): CredentialFilter {
  if (filter.field === 'backupState') {
    return { field: 'backupState', op: 'eq', value: filter.value === 'true' };
  }
  return filter as CredentialFilter;
}

/**
 * One page of a user's passkeys, each with its authenticator's name and icons.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function listCredentials(
  deps: Pick<CoreDeps, 'db'> & { aaguids: AaguidCatalog },
  projectId: string,
  userId: string,
  raw: RawListParams,
): Promise<Page<CredentialWithDetails>> {
  const params = parseListParams(raw, credentialListSpec);
  const user = await getUser(deps, projectId, userId);
  const page = await listCredentialRows(deps.db, {
    projectId,
    userId: user.id,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    filters: params.filters.map(toCredentialFilter),
  });
  return {
    ...page,
    items: page.items.map((credential) => ({
      ...credential,
      aaguidDetails: deps.aaguids.lookup(credential.aaguid),
    })),
  };
}
