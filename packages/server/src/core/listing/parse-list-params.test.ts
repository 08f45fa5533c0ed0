import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LatchkeyError } from '../errors.js';
import { type ListSpec, parseListParams, parseTimestamp } from './parse-list-params.js';

const spec: ListSpec<'createdAt' | 'name', 'id' | 'createdAt' | 'status' | 'name'> = {
  sortFields: { created: 'createdAt', name: 'name' },
  filterFields: {
    id: { field: 'id', spec: { type: 'id', kind: 'user' } },
    created: { field: 'createdAt', spec: { type: 'timestamp' } },
    status: { field: 'status', spec: { type: 'enum', values: ['active', 'disabled'] } },
    name: { field: 'name', spec: { type: 'string' } },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof LatchkeyError);
    assert.equal(error.code, 'VALIDATION_FAILED');
    return error.validation[0]?.field;
  }
  assert.fail('expected a VALIDATION_FAILED error');
}

test('defaults: page 1, page size 10, the default sort, no filters', () => {
  assert.deepEqual(parseListParams({}, spec), {
    page: 1,
    pageSize: 10,
    sort: { field: 'createdAt', direction: 'desc' },
    filters: [],
  });
});

test('page size is clamped to 1…100', () => {
  assert.equal(parseListParams({ pageSize: 1000 }, spec).pageSize, 100);
  assert.equal(parseListParams({ pageSize: 0 }, spec).pageSize, 1);
  assert.equal(parseListParams({ pageSize: -5 }, spec).pageSize, 1);
});

test('page must be a whole number from 1', () => {
  assert.equal(
    fieldOf(() => parseListParams({ page: 0 }, spec)),
    'page',
  );
  assert.equal(
    fieldOf(() => parseListParams({ page: 1.5 }, spec)),
    'page',
  );
});

test('sort reads field:direction and rejects unknown fields and directions', () => {
  assert.deepEqual(parseListParams({ sort: 'name:asc' }, spec).sort, {
    field: 'name',
    direction: 'asc',
  });
  assert.deepEqual(parseListParams({ sort: 'name' }, spec).sort, {
    field: 'name',
    direction: 'asc',
  });
  assert.equal(
    fieldOf(() => parseListParams({ sort: 'password:asc' }, spec)),
    'sort',
  );
  assert.equal(
    fieldOf(() => parseListParams({ sort: 'name:sideways' }, spec)),
    'sort',
  );
  assert.equal(
    fieldOf(() => parseListParams({ sort: '__proto__:asc' }, spec)),
    'sort',
  );
});

test('filters keep colons in the value (timestamps)', () => {
  const { filters } = parseListParams({ filter: ['created:gt:2021-07-20T10:30:00'] }, spec);
  assert.deepEqual(filters, [
    { field: 'createdAt', op: 'gt', value: Date.UTC(2021, 6, 20, 10, 30) },
  ]);
});

test('id filters accept the bare number', () => {
  const { filters } = parseListParams({ filter: ['id:eq:42'] }, spec);
  assert.deepEqual(filters, [{ field: 'id', op: 'eq', value: 'usr-42' }]);
});

test('bad filters are VALIDATION_FAILED on filter[]', () => {
  for (const filter of [
    'nope',
    'name:eq',
    'secret:eq:1',
    'status:gt:active',
    'status:eq:deleted',
    'id:eq:abc',
    'created:lt:yesterday',
    'toString:eq:x',
  ]) {
    assert.equal(
      fieldOf(() => parseListParams({ filter: [filter] }, spec)),
      'filter[]',
      filter,
    );
  }
});

test('parseTimestamp reads dates, local-less times as UTC, and offsets', () => {
  assert.equal(parseTimestamp('created', '2021-07-20'), Date.UTC(2021, 6, 20));
  assert.equal(parseTimestamp('created', '2021-07-20T00:00:00'), Date.UTC(2021, 6, 20));
  assert.equal(parseTimestamp('created', '2021-07-20T02:00:00+02:00'), Date.UTC(2021, 6, 20));
  assert.throws(() => parseTimestamp('created', '2021-13-45'));
});
