import type { Page } from '../../store/list-query.js';
import {
  listSessions as listSessionRows,
  type SessionFilter,
  type SessionRecord,
  type SessionSortField,
} from '../../store/session.store.js';
import type { CoreDeps } from '../deps.js';
import {
  type ListSpec,
  parseListParams,
  type RawListParams,
} from '../listing/parse-list-params.js';

/** common.yml `sessionStatus`. */
export const sessionStatuses = [
  'active',
  'logged_out',
  'expired',
  'inactivity_reached',
  'revoked',
] as const;

/**
 * The spec's sort and filter fields for `GET /v2/sessions` (backend_api.yml SessionList):
 * `expires` is when the session ends if unused (idle limit capped at the absolute end),
 * `status` filters on the status as of now. Newest first by default.
 */
export const sessionListSpec: ListSpec<SessionSortField, SessionFilter['field']> = {
  sortFields: {
    ID: 'id',
    userID: 'userId',
    expires: 'expiresAt',
    lastAction: 'lastActionAt',
    created: 'createdAt',
    updated: 'updatedAt',
    status: 'status',
  },
  filterFields: {
    ID: { field: 'id', spec: { type: 'id', kind: 'session' } },
    userID: { field: 'userId', spec: { type: 'id', kind: 'user' } },
    expires: { field: 'expiresAt', spec: { type: 'timestamp' } },
    lastAction: { field: 'lastActionAt', spec: { type: 'timestamp' } },
    created: { field: 'createdAt', spec: { type: 'timestamp' } },
    updated: { field: 'updatedAt', spec: { type: 'timestamp' } },
    status: { field: 'status', spec: { type: 'enum', values: sessionStatuses } },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

/** The session's times are milliseconds on the wire, so `created:gt:1752738240000` works too. */
const millisecondsFilter = /^(expires|lastAction|created|updated):(eq|gt|lt):(\d{1,15})$/;

function toDateFilter(filter: string): string {
  const match = millisecondsFilter.exec(filter);
  if (!match) return filter;
  return `${match[1]}:${match[2]}:${new Date(Number(match[3])).toISOString()}`;
}

/**
 * One page of a project's sessions (never their tokens).
 * @throws VALIDATION_FAILED for unknown sort or filter fields and bad values.
 */
export async function listSessions(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  raw: RawListParams,
): Promise<Page<SessionRecord>> {
  const params = parseListParams(
    { ...raw, filter: raw.filter?.map(toDateFilter) },
    sessionListSpec,
  );
  return listSessionRows(deps.db, {
    projectId,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    // The spec table guarantees each field's operator and value type.
    filters: params.filters as SessionFilter[],
    now: deps.clock.now(),
  });
}
