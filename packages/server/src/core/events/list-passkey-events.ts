import type { Page } from '../../store/list-query.js';
import {
  listPasskeyEvents as listPasskeyEventRows,
  type PasskeyEventFilter,
  type PasskeyEventRecord,
  type PasskeyEventSortField,
} from '../../store/passkey-event.store.js';
import type { CoreDeps } from '../deps.js';
import {
  type ListSpec,
  parseListParams,
  type RawListParams,
} from '../listing/parse-list-params.js';
import { getUser } from '../users/get-user.js';
import { passkeyEventTypes } from './event-fields.js';

/** The spec's fields for `GET /users/{userID}/passkeyEvents`; newest first by default. */
export const passkeyEventListSpec: ListSpec<PasskeyEventSortField, PasskeyEventFilter['field']> = {
  sortFields: { created: 'createdAt', eventType: 'eventType' },
  filterFields: {
    eventType: { field: 'eventType', spec: { type: 'enum', values: passkeyEventTypes } },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

/**
 * One page of a user's passkey events that still count (expired ones are left out).
 * @throws VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function listPasskeyEvents(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  userId: string,
  raw: RawListParams,
): Promise<Page<PasskeyEventRecord>> {
  const params = parseListParams(raw, passkeyEventListSpec);
  const user = await getUser(deps, projectId, userId);
  return listPasskeyEventRows(deps.db, {
    projectId,
    userId: user.id,
    now: deps.clock.now(),
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    filters: params.filters as PasskeyEventFilter[],
  });
}
