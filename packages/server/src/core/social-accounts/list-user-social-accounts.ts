import {
  listSocialAccounts as listSocialAccountRows,
  type SocialAccountFilter,
  type SocialAccountRecord,
} from '../../store/social-account.store.js';
import { userExists } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { parseListParams, type RawListParams } from '../listing/parse-list-params.js';
import { requireUserId } from '../users/get-user.js';
import { socialAccountListSpec } from './list-social-accounts.js';

/**
 * One page of one user's social accounts, with the same sort and filter fields as the
 * project-wide list. The spec answers a plain array here, so the page's totals are dropped.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function listUserSocialAccounts(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
  raw: RawListParams,
): Promise<SocialAccountRecord[]> {
  const user = requireUserId(userId);
  const params = parseListParams(raw, socialAccountListSpec);
  if (!(await userExists(deps.db, projectId, user))) {
    throw new LatchkeyError('USER_NOT_FOUND', `no user ${user}`);
  }
  const page = await listSocialAccountRows(deps.db, {
    projectId,
    userId: user,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    // The spec table guarantees each field's operator and value type.
    filters: params.filters as SocialAccountFilter[],
  });
  return page.items;
}
