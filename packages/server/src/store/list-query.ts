/** A page request as the stores take it: 1-based page, bounded size. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export type SortDirection = 'asc' | 'desc';
export type FilterOperator = 'eq' | 'gt' | 'lt';

/** One page of results plus the totals the APIs' `paging` object reports. */
export interface Page<T> {
  items: T[];
  page: number;
  totalPages: number;
  totalItems: number;
}

/** Builds the `Page` for a result slice and a total count. */
export function toPage<T>(items: T[], request: PageRequest, totalItems: number): Page<T> {
  return {
    items,
    page: request.page,
    totalPages: Math.ceil(totalItems / request.pageSize),
    totalItems,
  };
}

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}
