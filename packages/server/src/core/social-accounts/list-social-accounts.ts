import type { Page } from '../../store/list-query.js';
import {
  listSocialAccounts as listSocialAccountRows,
  type SocialAccountFilter,
  type SocialAccountRecord,
  type SocialAccountSortField,
} from '../../store/social-account.store.js';
import type { CoreDeps } from '../deps.js';
import {
  type ListSpec,
  parseListParams,
  type RawListParams,
} from '../listing/parse-list-params.js';
import { socialProviderTypes } from './social-account-fields.js';

/**
 * The Backend API's sort and filter fields for social account lists: exactly `providerType`
 * and `foreignID`. Without `sort`, oldest first.
 */
export const socialAccountListSpec: ListSpec<SocialAccountSortField, SocialAccountFilter['field']> =
  {
    sortFields: { providerType: 'providerType', foreignID: 'foreignId' },
    filterFields: {
      providerType: {
        field: 'providerType',
        spec: { type: 'enum', values: socialProviderTypes },
      },
      foreignID: { field: 'foreignId', spec: { type: 'string' } },
    },
    defaultSort: { field: 'createdAt', direction: 'asc' },
  };

/**
 * One page of a project's social accounts.
 * @throws VALIDATION_FAILED for unknown sort or filter fields and bad values.
 */
export async function listSocialAccounts(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  raw: RawListParams,
): Promise<Page<SocialAccountRecord>> {
  const params = parseListParams(raw, socialAccountListSpec);
  return listSocialAccountRows(deps.db, {
    projectId,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    // The spec table guarantees each field's operator and value type.
    filters: params.filters as SocialAccountFilter[],
  });
}
