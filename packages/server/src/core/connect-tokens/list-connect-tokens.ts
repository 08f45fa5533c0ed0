import {
  type ConnectTokenFilter,
  type ConnectTokenRecord,
  type ConnectTokenSortField,
  listConnectTokens as listConnectTokenRows,
} from '../../store/connect-token.store.js';
import type { Page } from '../../store/list-query.js';
import type { CoreDeps } from '../deps.js';
import {
  type ListSpec,
  parseListParams,
  type RawListParams,
} from '../listing/parse-list-params.js';
import { connectTokenStatuses, connectTokenTypes } from './connect-token-fields.js';

type ConnectTokenFilterField = ConnectTokenFilter['field'];

/**
 * The spec's sort and filter fields for `GET /connectTokens`: `token` is the token's ID
 * (`ctk-…`, prefix optional in filters), never its secret; `tokenType` and `status` are the
 * enums; `expires` is the expiry. Newest first by default.
 */
export const connectTokenListSpec: ListSpec<ConnectTokenSortField, ConnectTokenFilterField> = {
  sortFields: {
    token: 'id',
    tokenType: 'type',
    status: 'status',
    expires: 'expiresAt',
  },
  filterFields: {
    token: { field: 'id', spec: { type: 'id', kind: 'connectToken' } },
    tokenType: { field: 'type', spec: { type: 'enum', values: connectTokenTypes } },
    status: { field: 'status', spec: { type: 'enum', values: connectTokenStatuses } },
    expires: { field: 'expiresAt', spec: { type: 'timestamp' } },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

/** `expires` is Unix seconds on the wire, so `expires:gt:1752749184` works as well as a date. */
const unixSecondsFilter = /^expires:(eq|gt|lt):(\d{1,12})$/;

function toDateFilter(filter: string): string {
  const match = unixSecondsFilter.exec(filter);
  if (!match) return filter;
  return `expires:${match[1]}:${new Date(Number(match[2]) * 1000).toISOString()}`;
}

/**
 * One page of a project's connect tokens (never their secrets).
 * @throws VALIDATION_FAILED for unknown sort or filter fields and bad values.
 */
export async function listConnectTokens(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  raw: RawListParams,
): Promise<Page<ConnectTokenRecord>> {
  const params = parseListParams(
    { ...raw, filter: raw.filter?.map(toDateFilter) },
    connectTokenListSpec,
  );
  return listConnectTokenRows(deps.db, {
    projectId,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    // The spec table guarantees each field's operator and value type.
    filters: params.filters as ConnectTokenFilter[],
  });
}
