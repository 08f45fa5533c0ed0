import type { FilterOperator, SortDirection } from '../../store/list-query.js';
import { invalidField } from '../errors.js';
import { type IdKind, parseId } from '../ids.js';
import { hasControlCharacters } from '../projects/project-settings.js';

/** The list parameters as they arrive on the wire (common.yml: sort, filter[], page, pageSize). */
export interface RawListParams {
  page?: number | undefined;
  pageSize?: number | undefined;
  sort?: string | undefined;
  filter?: string[] | undefined;
}

/** How one API field may be filtered. */
export type FilterFieldSpec =
  | { type: 'id'; kind: IdKind }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'string' }
  | { type: 'timestamp' }
  | { type: 'search' };

export interface ListSpec<SortField extends string, FilterField extends string> {
  /** API sort field name → the store's field. */
  sortFields: Record<string, SortField>;
  /** API filter field name → the store's field and how values are read. */
  filterFields: Record<string, { field: FilterField; spec: FilterFieldSpec }>;
  defaultSort: { field: SortField; direction: SortDirection };
}

export interface ParsedFilter<FilterField extends string> {
  field: FilterField;
  op: FilterOperator;
  value: string | number;
}

export interface ParsedListParams<SortField extends string, FilterField extends string> {
  page: number;
  pageSize: number;
  sort: { field: SortField; direction: SortDirection };
  filters: ParsedFilter<FilterField>[];
}

/** Default and largest page sizes (documented in docs/api-conventions.md). */
export const defaultPageSize = 10;
export const maxPageSize = 100;
/** Deeper pages would make the database skip too many rows. */
export const maxPage = 100_000;
/** Conditions per request (each is one more predicate on the query). */
export const maxFilters = 20;

const operatorsByType: Record<FilterFieldSpec['type'], readonly FilterOperator[]> = {
  id: ['eq'],
  enum: ['eq'],
  string: ['eq', 'gt', 'lt'],
  timestamp: ['eq', 'gt', 'lt'],
  search: ['eq'],
};

/**
 * Validates list parameters against what a resource allows. Unknown fields, operators or
 * values are VALIDATION_FAILED errors naming the parameter and the field, never SQL errors.
 * pageSize is clamped to 1…maxPageSize.
 */
export function parseListParams<SortField extends string, FilterField extends string>(
  raw: RawListParams,
  spec: ListSpec<SortField, FilterField>,
): ParsedListParams<SortField, FilterField> {
  const page = raw.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > maxPage) {
    throw invalidField('page', `must be a whole number from 1 to ${maxPage}`);
  }
  const requestedSize = raw.pageSize ?? defaultPageSize;
  if (!Number.isInteger(requestedSize)) throw invalidField('pageSize', 'must be a whole number');
  const pageSize = Math.min(Math.max(requestedSize, 1), maxPageSize);
  const filters = raw.filter ?? [];
  if (filters.length > maxFilters) {
    throw invalidField('filter[]', `at most ${maxFilters} filters are allowed`);
  }
  return {
    page,
    pageSize,
    sort: raw.sort ? parseSort(raw.sort, spec) : spec.defaultSort,
    filters: filters.map((filter) => parseFilter(filter, spec)),
  };
}

function parseSort<S extends string, F extends string>(
  text: string,
  spec: ListSpec<S, F>,
): { field: S; direction: SortDirection } {
  const [name = '', direction = 'asc', ...rest] = text.split(':');
  const field = Object.hasOwn(spec.sortFields, name) ? spec.sortFields[name] : undefined;
  if (!field) {
    throw invalidField(
      'sort',
      `unknown sort field "${name}"; allowed: ${Object.keys(spec.sortFields).join(', ')}`,
    );
  }
  if ((direction !== 'asc' && direction !== 'desc') || rest.length > 0) {
    throw invalidField('sort', `"${text}" must be <field>:asc or <field>:desc`);
  }
  return { field, direction };
}

function parseFilter<S extends string, F extends string>(
  text: string,
  spec: ListSpec<S, F>,
): ParsedFilter<F> {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (second < 0) {
    throw invalidField('filter[]', `"${text}" must be <field>:<eq|gt|lt>:<value>`);
  }
  const name = text.slice(0, first);
  const op = text.slice(first + 1, second);
  const value = text.slice(second + 1);
  const entry = Object.hasOwn(spec.filterFields, name) ? spec.filterFields[name] : undefined;
  if (!entry) {
    throw invalidField(
      'filter[]',
      `unknown filter field "${name}"; allowed: ${Object.keys(spec.filterFields).join(', ')}`,
    );
  }
  const allowed = operatorsByType[entry.spec.type];
  if (!(allowed as readonly string[]).includes(op)) {
    throw invalidField(
      'filter[]',
      `operator "${op}" is not allowed on ${name}; allowed: ${allowed.join(', ')}`,
    );
  }
  return {
    field: entry.field,
    op: op as FilterOperator,
    value: parseValue(name, value, entry.spec),
  };
}

function parseValue(name: string, value: string, spec: FilterFieldSpec): string | number {
  if (value.length > 256) throw invalidField('filter[]', `value for ${name} is too long`);
  // No stored value contains control characters, and PostgreSQL cannot even compare text
  // with a NUL in it: refuse them here rather than fail in the database.
  if (hasControlCharacters(value)) {
    throw invalidField('filter[]', `value for ${name} must not contain control characters`);
  }
  switch (spec.type) {
    case 'id': {
      const id = parseId(spec.kind, value);
      if (!id) throw invalidField('filter[]', `"${value}" is not a valid ${name}`);
      return id;
    }
    case 'enum':
      if (!spec.values.includes(value)) {
        throw invalidField('filter[]', `${name} must be one of ${spec.values.join(', ')}`);
      }
      return value;
    case 'timestamp':
      return parseTimestamp(name, value);
    case 'string':
    case 'search':
      return value;
  }
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Reads `2021-07-20`, `2021-07-20T00:00:00` (UTC) or a full ISO 8601 time with offset. */
export function parseTimestamp(name: string, value: string): number {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))?)?$/.exec(
      value,
    );
  if (!match) {
    throw invalidField('filter[]', `${name} must be a date like 2021-07-20T00:00:00`);
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = ''] = match;
  const [sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(9);
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    offsetHours: Number(offsetHours),
    offsetMinutes: Number(offsetMinutes),
  };
  // Every field is checked against the calendar: Date.parse would turn 2026-02-30 into
  // March 2nd rather than refuse it.
  if (
    fields.month < 1 ||
    fields.month > 12 ||
    fields.day < 1 ||
    fields.day > daysInMonth(fields.year, fields.month) ||
    fields.hour > 23 ||
    fields.minute > 59 ||
    fields.second > 59 ||
    fields.offsetHours > 23 ||
    fields.offsetMinutes > 59
  ) {
    throw invalidField('filter[]', `${name} "${value}" is not a real date and time`);
  }
  const utc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  const offsetMs = (fields.offsetHours * 60 + fields.offsetMinutes) * 60_000;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps them as written.
  const date = new Date(utc);
  date.setUTCFullYear(fields.year);
  return date.getTime() - (sign === '-' ? -offsetMs : offsetMs);
}
