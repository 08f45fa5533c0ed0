import {
  type IdentifierFilter,
  type IdentifierRecord,
  type IdentifierSortField,
  listIdentifiers as listIdentifierRows,
} from '../../store/identifier.store.js';
import type { Page } from '../../store/list-query.js';
import type { CoreDeps } from '../deps.js';
import {
  type ListSpec,
  parseListParams,
  type RawListParams,
} from '../listing/parse-list-params.js';
import { identifierTypes } from './identifier-fields.js';
import { normaliseIdentifierFilterValue } from './identifier-values.js';

/**
 * The Backend API's sort and filter fields for `GET /identifiers`: exactly `userID`,
 * `identifierType` and `identifierValue`. `userID` takes the ID with or without `usr-` (the
 * Node SDK sends the bare number). Without `sort`, oldest first.
 */
export const identifierListSpec: ListSpec<IdentifierSortField, IdentifierFilter['field']> = {
  sortFields: {
    userID: 'userId',
    identifierType: 'type',
    identifierValue: 'value',
  },
  filterFields: {
    userID: { field: 'userId', spec: { type: 'id', kind: 'user' } },
    identifierType: { field: 'type', spec: { type: 'enum', values: identifierTypes } },
    identifierValue: { field: 'value', spec: { type: 'string' } },
  },
  defaultSort: { field: 'createdAt', direction: 'asc' },
};

/**
 * One page of a project's login identifiers.
 * @throws VALIDATION_FAILED for unknown sort or filter fields and bad values.
 */
export async function listIdentifiers(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  raw: RawListParams,
): Promise<Page<IdentifierRecord>> {
  const params = parseListParams(raw, identifierListSpec);
  // The spec table guarantees each field's operator and value type.
  const filters = (params.filters as IdentifierFilter[]).map(
    (filter): IdentifierFilter =>
      filter.field === 'value'
        ? { ...filter, value: normaliseIdentifierFilterValue(filter.op, filter.value) }
        : filter,
  );
  return listIdentifierRows(deps.db, {
    projectId,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    filters,
  });
}
