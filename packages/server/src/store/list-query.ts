import type { SelectQueryBuilder } from 'kysely';

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

/**
 * Runs one page of a list query and its total in parallel. `query` is the complete select
 * (table, conditions, order); the count reuses its conditions without columns or order.
 */
export async function fetchPage<DB, TB extends keyof DB, Row>(
  query: SelectQueryBuilder<DB, TB, Row>,
  request: PageRequest,
): Promise<{ rows: Row[]; totalItems: number }> {
  const [rows, count] = await Promise.all([
    query.limit(request.pageSize).offset(offsetOf(request)).execute(),
    query
      .clearSelect()
      .clearOrderBy()
      .select((eb) => eb.fn.countAll<number | string>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, totalItems: Number((count as { total: number | string }).total) };
}

/** Orders records oldest first, the ID breaking ties (for rows sorted in JavaScript). */
export function compareOldestFirst(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The SQL comparison for each list filter operator. */
export const sqlOperators = { eq: '=', gt: '>', lt: '<' } as const;
