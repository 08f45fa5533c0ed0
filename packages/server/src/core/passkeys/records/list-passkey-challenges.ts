import type { Page } from '../../../store/list-query.js';
import {
  listPasskeyChallenges as listPasskeyChallengeRows,
  type PasskeyChallengeFilter,
  type PasskeyChallengeRecord,
  type PasskeyChallengeSortField,
} from '../../../store/passkey-challenge.store.js';
import type { CoreDeps } from '../../deps.js';
import {
  type ListSpec,
  parseListParams,
  type RawListParams,
} from '../../listing/parse-list-params.js';
import { getUser } from '../../users/get-user.js';
import { passkeyChallengeStatuses, passkeyChallengeTypes } from './record-fields.js';

/**
 * The spec's fields for `GET /users/{userID}/passkeyChallenges`: exactly `userID`,
 * `projectID`, `status` and `type` (IDs with or without their prefix). Without `sort`, newest
 * first; ties under any sort fall back to creation time, then ID.
 */
export const passkeyChallengeListSpec: ListSpec<
  PasskeyChallengeSortField,
  PasskeyChallengeFilter['field']
> = {
  sortFields: { userID: 'userId', projectID: 'projectId', status: 'status', type: 'type' },
  filterFields: {
    userID: { field: 'userId', spec: { type: 'id', kind: 'user' } },
    projectID: { field: 'projectId', spec: { type: 'id', kind: 'project' } },
    status: { field: 'status', spec: { type: 'enum', values: passkeyChallengeStatuses } },
    type: { field: 'type', spec: { type: 'enum', values: passkeyChallengeTypes } },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

/**
 * One page of the WebAuthn challenges issued for a user's ceremonies.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function listPasskeyChallenges(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
  raw: RawListParams,
): Promise<Page<PasskeyChallengeRecord>> {
  const params = parseListParams(raw, passkeyChallengeListSpec);
  const user = await getUser(deps, projectId, userId);
  return listPasskeyChallengeRows(deps.db, {
    projectId,
    userId: user.id,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    // The spec table guarantees each field's operator and value.
    filters: params.filters as PasskeyChallengeFilter[],
  });
}
