import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createUser } from '../../src/core/users/create-user.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, queryString, type TestServer } from '../support/test-server.js';

interface WireUserAggregate {
  userID: string;
  fullName?: string;
  status: string;
  created: string;
  createdMS: number;
  updated: string;
  updatedMs: number;
}

interface WireUserList {
  users: WireUserAggregate[];
  paging: { page: number; totalPages: number; totalItems: number };
}

type Query = Record<string, string | number | string[]>;

/**
 * Names chosen to catch ordering and matching bugs: mixed case, missing names, LIKE
 * wildcards and the escape character used literally, shared prefixes.
 */
const names: (string | undefined)[] = [
  'alice Smith',
  'Bob Jones',
  undefined,
  'ALIBABA',
  'Alicia Keys',
  '50% Off',
  '50x Off',
  'a_b',
  'axb',
  'back\\slash',
  'Zed',
  'zara',
  undefined,
  'Mallory',
  'mallory',
  'Oscar',
  'Peggy',
  'Trent',
  'Victor',
  'Walter',
  'Carol',
  'dave',
  'Eve',
  'Frank',
  'Grace',
];
const statuses = ['active', 'pending', 'disabled'] as const;

describeEachDatabase('Backend API user list', (kind) => {
  let server: TestServer;
  let authorization: string;
  /** The list project's users as the API returned them, keyed by position of creation. */
  let users: WireUserAggregate[] = [];

  const list = (query: Query = {}, auth = authorization) =>
    server.app.inject({
      method: 'GET',
      url: `/v2/users${queryString(query)}`,
      headers: { authorization: auth },
    });
  const listOk = async (query: Query = {}) => assertOk<WireUserList>(await list(query), 'userList');
  /** Every user of all pages, fetched `pageSize` at a time. */
  const listAll = async (query: Query, pageSize = 10) => {
    const all: WireUserAggregate[] = [];
    for (let page = 1; page < 100; page++) {
      const result = await listOk({ ...query, page, pageSize });
      all.push(...result.users);
      if (page >= result.paging.totalPages) break;
    }
    return all;
  };
  const ids = (list: WireUserAggregate[]) => list.map((u) => u.userID);
  const byId = (id: string) => users.find((u) => u.userID === id)!;

  before(async () => {
    server = await createTestServer(kind);
    // Its own project, so only these users are in it.
    const project = await server.createProject('List project');
    authorization = project.authorization;
    const createdIds: string[] = [];
    for (const [index, fullName] of names.entries()) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: { authorization },
        payload: { status: statuses[index % 3], ...(fullName !== undefined && { fullName }) },
      });
      createdIds.push(assertOk<{ userID: string }>(response, 'user').userID);
      server.clock.advance(1000);
    }
    // Touch every fourth user, latest-created first, so `updated` order differs from
    // `created` order.
    for (let index = names.length - 1; index >= 0; index -= 4) {
      const response = await server.app.inject({
        method: 'PATCH',
        url: `/v2/users/${createdIds[index]}`,
        headers: { authorization },
        payload: { status: 'active' },
      });
      assertOk(response, 'user');
      server.clock.advance(1000);
    }
    // A user in another project must never show up.
    await server.app.inject({
      method: 'POST',
      url: '/v2/users',
      headers: { authorization: server.authorization },
      payload: { status: 'active', fullName: 'alice Other Project' },
    });
    users = (await listAll({ sort: 'created:asc' }, 100)).slice();
    assert.equal(users.length, names.length);
    assert.deepEqual(ids(users), createdIds);
  });
  after(async () => {
    await server.close();
  });

  test('paging: default page size 10, totals, last page, beyond the end', async () => {
    const first = await listOk();
    assert.equal(first.users.length, 10);
    assert.deepEqual(first.paging, { page: 1, totalPages: 3, totalItems: 25 });
    const third = await listOk({ page: 3 });
    assert.equal(third.users.length, 5);
    assert.deepEqual(third.paging, { page: 3, totalPages: 3, totalItems: 25 });
    const beyond = await listOk({ page: 4 });
    assert.deepEqual(beyond.users, []);
    assert.deepEqual(beyond.paging, { page: 4, totalPages: 3, totalItems: 25 });
    const far = await listOk({ page: 5000, pageSize: 7 });
    assert.deepEqual(far.users, []);
    assert.deepEqual(far.paging, { page: 5000, totalPages: 4, totalItems: 25 });
  });

  test('paging: pages are disjoint and together are every user once', async () => {
    for (const pageSize of [1, 3, 7, 10, 25, 26]) {
      const all = await listAll({ sort: 'created:asc' }, pageSize);
      assert.deepEqual(ids(all), ids(users), `pageSize ${pageSize}`);
    }
    const page = await listOk({ page: 2, pageSize: 7, sort: 'created:asc' });
    assert.deepEqual(ids(page.users), ids(users.slice(7, 14)));
    assert.deepEqual(page.paging, { page: 2, totalPages: 4, totalItems: 25 });
  });

  test('paging: pageSize 0 or negative means 1; above 100 means 100', async () => {
    for (const pageSize of [0, -1, -100]) {
      const result = await listOk({ pageSize });
      assert.equal(result.users.length, 1, `pageSize ${pageSize}`);
      assert.deepEqual(result.paging, { page: 1, totalPages: 25, totalItems: 25 });
    }

    const bulk = await server.createProject('Bulk');
    for (let i = 0; i < 105; i++) {
      await createUser(server.deps, bulk.project.id, { status: 'active', fullName: `bulk ${i}` });
    }
    for (const pageSize of [100, 101, 1000, 2 ** 31]) {
      const big = assertOk<WireUserList>(await list({ pageSize }, bulk.authorization), 'userList');
      assert.equal(big.users.length, 100, `pageSize ${pageSize}`);
      assert.deepEqual(big.paging, { page: 1, totalPages: 2, totalItems: 105 });
    }
    const second = assertOk<WireUserList>(
      await list({ pageSize: 1000, page: 2 }, bulk.authorization),
      'userList',
    );
    assert.equal(second.users.length, 5);
  });

  test('paging: page 0, negative, fractional or non-numeric is 400 naming page', async () => {
    for (const page of ['0', '-1', '1.5', 'abc', '', '100001']) {
      assertError(await list({ page }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'page',
        label: `page=${page}`,
      });
    }
    for (const pageSize of ['abc', '2.5']) {
      assertError(await list({ pageSize }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'pageSize',
      });
    }
  });

  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  /** Ascending orders as documented: ties broken by ID; users without a name last. */
  const ascending: Record<string, (a: WireUserAggregate, b: WireUserAggregate) => number> = {
    id: (a, b) => compareText(a.userID, b.userID),
    created: (a, b) => a.createdMS - b.createdMS || compareText(a.userID, b.userID),
    updated: (a, b) => a.updatedMs - b.updatedMs || compareText(a.userID, b.userID),
    status: (a, b) => compareText(a.status, b.status) || compareText(a.userID, b.userID),
    name: (a, b) => {
      if (a.fullName === undefined || b.fullName === undefined) {
        if (a.fullName !== undefined) return -1;
        if (b.fullName !== undefined) return 1;
        return compareText(a.userID, b.userID);
      }
      return (
        compareText(a.fullName.toLowerCase(), b.fullName.toLowerCase()) ||
        compareText(a.userID, b.userID)
      );
    },
  };
  ascending.fullName = ascending.name!;

  for (const field of ['id', 'name', 'fullName', 'created', 'updated', 'status']) {
    test(`sort by ${field} ascending and descending`, async () => {
      const expected = [...users].sort(ascending[field]);
      const asc = await listAll({ sort: `${field}:asc` }, 10);
      assert.deepEqual(ids(asc), ids(expected), `${field}:asc`);
      const desc = await listAll({ sort: `${field}:desc` }, 10);
      assert.deepEqual(ids(desc), ids(expected).reverse(), `${field}:desc`);
      // A bare field name sorts ascending.
      const bare = await listOk({ sort: field, pageSize: 100 });
      assert.deepEqual(ids(bare.users), ids(expected), field);
    });
  }

  test('the default order is newest first', async () => {
    const result = await listOk({ pageSize: 100 });
    assert.deepEqual(ids(result.users), ids(users).reverse());
  });

  test('bad sort parameters are 400 naming sort', async () => {
    for (const sort of [
      'email:asc',
      'password',
      'created:up',
      'created:asc:x',
      ':asc',
      'CREATED:asc',
      'full_name:asc',
      'created_at',
    ]) {
      const response = await list({ sort });
      const error = assertError(response, {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'sort',
        label: sort,
      });
      assert.ok(error.error.validation?.[0]?.message.length);
    }
  });

  const filtered = async (filter: string[], query: Query = {}) =>
    ids((await listOk({ 'filter[]': filter, pageSize: 100, sort: 'created:asc', ...query })).users);
  const expectedIds = (predicate: (u: WireUserAggregate) => boolean) =>
    ids(users.filter(predicate));

  test('filter by status', async () => {
    for (const status of statuses) {
      assert.deepEqual(
        await filtered([`status:eq:${status}`]),
        expectedIds((u) => u.status === status),
        status,
      );
    }
    const page = await listOk({ 'filter[]': 'status:eq:disabled', pageSize: 2 });
    const disabled = users.filter((u) => u.status === 'disabled').length;
    assert.ok(disabled > 2);
    assert.deepEqual(page.paging, {
      page: 1,
      totalPages: Math.ceil(disabled / 2),
      totalItems: disabled,
    });
  });

  test('filter by created and updated with gt and lt (ISO timestamps)', async () => {
    const pivot = users[10]!;
    const iso = new Date(pivot.createdMS).toISOString();
    assert.deepEqual(
      await filtered([`created:gt:${iso}`]),
      expectedIds((u) => u.createdMS > pivot.createdMS),
    );
    assert.deepEqual(
      await filtered([`created:lt:${iso}`]),
      expectedIds((u) => u.createdMS < pivot.createdMS),
    );
    assert.deepEqual(await filtered([`created:eq:${iso}`]), [pivot.userID]);
    // Without a zone the time is UTC; seconds and fractions are optional.
    const noZone = iso.slice(0, 19);
    assert.deepEqual(
      await filtered([`created:gt:${noZone}`]),
      expectedIds((u) => u.createdMS > pivot.createdMS),
    );
    const withOffset = `${new Date(pivot.createdMS + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    assert.deepEqual(
      await filtered([`created:lt:${withOffset}`]),
      expectedIds((u) => u.createdMS < pivot.createdMS),
    );
    assert.deepEqual(await filtered(['created:gt:2025-12-31']), ids(users));
    assert.deepEqual(await filtered(['created:lt:2026-01-01T00:00:00Z']), []);
    // A range.
    const low = users[3]!.createdMS;
    const high = users[8]!.createdMS;
    assert.deepEqual(
      await filtered([
        `created:gt:${new Date(low).toISOString()}`,
        `created:lt:${new Date(high).toISOString()}`,
      ]),
      expectedIds((u) => u.createdMS > low && u.createdMS < high),
    );
    const touched = users.filter((u) => u.updatedMs !== u.createdMS);
    assert.ok(touched.length > 0);
    const lastCreate = Math.max(...users.map((u) => u.createdMS));
    assert.deepEqual(
      await filtered([`updated:gt:${new Date(lastCreate).toISOString()}`]),
      expectedIds((u) => u.updatedMs > lastCreate),
    );
    assert.deepEqual(
      await filtered([`updated:lt:${new Date(users[1]!.updatedMs).toISOString()}`]),
      expectedIds((u) => u.updatedMs < users[1]!.updatedMs),
    );
  });

  test('filter by id and userID, with or without the usr- prefix', async () => {
    const target = users[6]!;
    const bare = target.userID.slice('usr-'.length);
    for (const filter of [
      `id:eq:${target.userID}`,
      `id:eq:${bare}`,
      `userID:eq:${target.userID}`,
      `userID:eq:${bare}`,
    ]) {
      assert.deepEqual(await filtered([filter]), [target.userID], filter);
    }
    assert.deepEqual(await filtered(['userID:eq:1234567890123456789']), []);
  });

  test('searchValue matches the start of the name, case-insensitively', async () => {
    const startsWith = (prefix: string) =>
      expectedIds((u) => (u.fullName ?? '').toLowerCase().startsWith(prefix.toLowerCase()));
    for (const prefix of ['ali', 'ALI', 'Alic', 'alice s', 'mallory', 'z', 'Zed', 'b']) {
      const expected = startsWith(prefix);
      assert.deepEqual(await filtered([`searchValue:eq:${prefix}`]), expected, prefix);
    }
    assert.equal(startsWith('ali').length, 3);
    assert.deepEqual(await filtered(['searchValue:eq:Smith']), [], 'not a substring search');
    assert.deepEqual(await filtered(['searchValue:eq:nobody']), []);
  });

  test('searchValue treats LIKE wildcards and the escape character literally', async () => {
    const named = (name: string) => expectedIds((u) => u.fullName === name);
    assert.deepEqual(await filtered(['searchValue:eq:50%']), named('50% Off'));
    assert.deepEqual(await filtered(['searchValue:eq:%']), []);
    assert.deepEqual(await filtered(['searchValue:eq:%Off']), []);
    assert.deepEqual(await filtered(['searchValue:eq:a_']), named('a_b'));
    assert.deepEqual(await filtered(['searchValue:eq:A_B']), named('a_b'));
    assert.deepEqual(await filtered(['searchValue:eq:_']), []);
    assert.deepEqual(await filtered(['searchValue:eq:back\\']), named('back\\slash'));
    assert.deepEqual(await filtered(['searchValue:eq:\\']), []);
  });

  // SQLite's lower() folds ASCII only; names are folded in JavaScript at write time instead
  // (users.full_name_key), so both databases find "Ärger" for "ä".
  test('searchValue is case-insensitive beyond ASCII on both databases', async () => {
    const project = await server.createProject('Unicode search');
    const names = ['Ärger Öl', 'ärmel', 'Ölbaum', 'arm'];
    const created = new Map<string, string>();
    for (const fullName of names) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: { authorization: project.authorization },
        payload: { status: 'active', fullName },
      });
      created.set(fullName, assertOk<{ userID: string }>(response, 'user').userID);
    }
    const search = async (prefix: string) => {
      const response = await list(
        { 'filter[]': `searchValue:eq:${prefix}`, sort: 'id:asc', pageSize: 100 },
        project.authorization,
      );
      return ids(assertOk<WireUserList>(response, 'userList').users);
    };
    const expect = (...matching: string[]) =>
      matching.map((name) => created.get(name)!).sort(compareText);
    assert.deepEqual(await search('ä'), expect('Ärger Öl', 'ärmel'));
    assert.deepEqual(await search('Ä'), expect('Ärger Öl', 'ärmel'));
    assert.deepEqual(await search('öl'), expect('Ölbaum'));
  });

  test('filter by exact name and fullName', async () => {
    assert.deepEqual(
      await filtered(['name:eq:Mallory']),
      expectedIds((u) => u.fullName === 'Mallory'),
    );
    assert.deepEqual(
      await filtered(['fullName:eq:alice Smith']),
      expectedIds((u) => u.fullName === 'alice Smith'),
    );
    assert.deepEqual(await filtered(['fullName:eq:Alice']), []);
  });

  test('multiple filters are combined with AND', async () => {
    assert.deepEqual(
      await filtered(['searchValue:eq:ali', 'status:eq:active']),
      expectedIds(
        (u) => (u.fullName ?? '').toLowerCase().startsWith('ali') && u.status === 'active',
      ),
    );
    const pivot = users[12]!;
    assert.deepEqual(
      await filtered([
        'status:eq:pending',
        `created:gt:${new Date(pivot.createdMS).toISOString()}`,
        'searchValue:eq:',
      ]),
      expectedIds(
        (u) => u.status === 'pending' && u.createdMS > pivot.createdMS && u.fullName !== undefined,
      ),
    );
    assert.deepEqual(await filtered([`id:eq:${users[0]!.userID}`, 'status:eq:disabled']), []);
    // A filter also narrows the totals.
    const result = await listOk({ 'filter[]': ['searchValue:eq:mallory'], pageSize: 1 });
    assert.deepEqual(result.paging, { page: 1, totalPages: 2, totalItems: 2 });
  });

  test('filter and sort together', async () => {
    const result = await listOk({
      'filter[]': 'status:eq:active',
      sort: 'name:desc',
      pageSize: 100,
    });
    const expected = users
      .filter((u) => u.status === 'active')
      .sort(ascending.name)
      .reverse();
    assert.deepEqual(ids(result.users), ids(expected));
  });

  test('a single filter sent as `filter` (without brackets) filters too', async () => {
    // Clients that drop the brackets must not get an unfiltered list silently.
    const result = await listOk({
      filter: 'status:eq:pending',
      pageSize: 100,
      sort: 'created:asc',
    });
    assert.deepEqual(
      ids(result.users),
      expectedIds((u) => u.status === 'pending'),
    );
    const both = await listOk({
      filter: 'status:eq:pending',
      'filter[]': 'searchValue:eq:a',
      pageSize: 100,
      sort: 'created:asc',
    });
    assert.deepEqual(
      ids(both.users),
      expectedIds(
        (u) => u.status === 'pending' && (u.fullName ?? '').toLowerCase().startsWith('a'),
      ),
    );
  });

  test('unknown filter fields, bad operators and bad values are 400 naming filter[]', async () => {
    const bad = [
      'email:eq:a@example.com',
      'password:eq:x',
      'projectID:eq:pro-1',
      'full_name:eq:x',
      'status',
      'status:eq',
      'status:gt:active',
      'status:like:active',
      'status:eq:deleted',
      'id:gt:usr-1',
      'id:eq:abc',
      'id:eq:',
      'searchValue:lt:a',
      'created:eq:yesterday',
      'created:gt:2026-13-01',
      'created:gt:2026-02-30',
      'created:gt:2026-01-01T25:00:00',
      'created:gt:2026-01-01T00:61:00',
      'created:gt:1767225600000',
      'created:gt:',
      'created:ne:2026-01-01',
      'fullName:eq:a\u0000b',
      'searchValue:eq:a\u0000b',
      'searchValue:eq:a\nb',
      `fullName:eq:${'x'.repeat(270)}`,
    ];
    for (const filter of bad) {
      const response = await list({ 'filter[]': filter });
      assertError(response, {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'filter[]',
        label: JSON.stringify(filter),
      });
    }
    // Over the schema's length limit for one filter: the field names the item.
    const tooLong = assertError(await list({ 'filter[]': `fullName:eq:${'x'.repeat(400)}` }), {
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    assert.match(tooLong.error.validation?.[0]?.field ?? '', /^filter\[\]/);
    const tooMany = Array.from({ length: 21 }, () => 'status:eq:active');
    assertError(await list({ 'filter[]': tooMany }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'filter[]',
    });
  });

  test('list results never include other projects', async () => {
    const all = await listAll({}, 100);
    assert.equal(all.length, users.length);
    assert.deepEqual(await filtered(['searchValue:eq:alice other']), []);
    for (const user of all) assert.ok(byId(user.userID));
  });
});
