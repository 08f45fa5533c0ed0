import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

interface WireUser {
  userID: string;
  fullName?: string;
  status: string;
  explicitWebauthnID?: string;
  updated: string;
  updatedMs: number;
}

interface WireUserAggregate extends WireUser {
  emailIdentifiers: unknown[];
  phoneNumberIdentifiers: unknown[];
  usernameIdentifiers: unknown[];
  socialAccounts: unknown[];
  created: string;
  createdMS: number;
}

interface WireUserList {
  users: WireUserAggregate[];
  paging: { page: number; totalPages: number; totalItems: number };
}

const start = Date.UTC(2026, 0, 1);
const timestampFormat = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describeEachDatabase('Backend API users', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  const as = (authorization: string) => ({
    create: async (payload: Record<string, unknown>) =>
      server.app.inject({ method: 'POST', url: '/v2/users', headers: { authorization }, payload }),
    get: (id: string) =>
      server.app.inject({ method: 'GET', url: `/v2/users/${id}`, headers: { authorization } }),
    update: (id: string, payload: Record<string, unknown>) =>
      server.app.inject({
        method: 'PATCH',
        url: `/v2/users/${id}`,
        headers: { authorization },
        payload,
      }),
    remove: (id: string) =>
      server.app.inject({ method: 'DELETE', url: `/v2/users/${id}`, headers: { authorization } }),
    list: (query = '') =>
      server.app.inject({ method: 'GET', url: `/v2/users${query}`, headers: { authorization } }),
  });
  const api = () => as(server.authorization);

  test('creates, reads, updates and deletes a user', async () => {
    const created = assertOk<WireUser>(
      await api().create({ fullName: 'Jane Doe', status: 'active' }),
      'user',
    );
    assert.match(created.userID, /^usr-\d{19}$/);
    assert.equal(created.fullName, 'Jane Doe');
    assert.equal(created.status, 'active');
    assert.equal(created.updatedMs, server.clock.now());
    assert.equal(created.updated, `${new Date(server.clock.now()).toISOString().slice(0, 19)}Z`);

    const read = assertOk<WireUser>(await api().get(created.userID), 'user');
    assert.deepEqual(read, created);

    server.clock.advance(1000);
    const updated = assertOk<WireUser>(
      await api().update(created.userID, { status: 'disabled' }),
      'user',
    );
    assert.equal(updated.status, 'disabled');
    assert.equal(updated.fullName, 'Jane Doe');
    assert.equal(updated.updatedMs, created.updatedMs + 1000);
    assert.deepEqual(assertOk<WireUser>(await api().get(created.userID), 'user'), updated);

    assertOk(await api().remove(created.userID), 'genericRsp');
    assertError(await api().get(created.userID), { status: 404, code: 'USER_NOT_FOUND' });
    assertError(await api().remove(created.userID), { status: 404, code: 'USER_NOT_FOUND' });
    assertError(await api().update(created.userID, { status: 'active' }), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    const list = assertOk<WireUserList>(
      await api().list(`?filter[]=id:eq:${created.userID}`),
      'userList',
    );
    assert.deepEqual(list.users, []);
  });

  test('a user without a name has no fullName; explicitWebauthnID is kept', async () => {
    const minimal = assertOk<WireUser>(await api().create({ status: 'pending' }), 'user');
    assert.equal('fullName' in minimal, false);
    assert.equal('explicitWebauthnID' in minimal, false);
    assert.equal(minimal.status, 'pending');
    assert.match(minimal.updated, timestampFormat);

    const connect = assertOk<WireUser>(
      await api().create({ status: 'active', explicitWebauthnID: 'webauthn-handle-1' }),
      'user',
    );
    assert.equal(connect.explicitWebauthnID, 'webauthn-handle-1');
    assert.equal(
      assertOk<WireUser>(await api().get(connect.userID), 'user').explicitWebauthnID,
      'webauthn-handle-1',
    );
  });

  test('fullName is trimmed; an empty fullName removes the name', async () => {
    const user = assertOk<WireUser>(
      await api().create({ status: 'active', fullName: '  Ada Lovelace \t' }),
      'user',
    );
    assert.equal(user.fullName, 'Ada Lovelace');
    const cleared = assertOk<WireUser>(await api().update(user.userID, { fullName: '' }), 'user');
    assert.equal('fullName' in cleared, false);
    assert.equal(cleared.status, 'active');
  });

  test('unicode names round-trip unchanged', async () => {
    const fullName = 'Zoë Ångström 李小龍 🙂';
    const user = assertOk<WireUser>(await api().create({ status: 'active', fullName }), 'user');
    assert.equal(user.fullName, fullName);
    assert.equal(assertOk<WireUser>(await api().get(user.userID), 'user').fullName, fullName);
    const exactly256 = 'é'.repeat(256);
    const long = assertOk<WireUser>(
      await api().create({ status: 'active', fullName: exactly256 }),
      'user',
    );
    assert.equal(long.fullName, exactly256);
  });

  test('PATCH changes only what it names; unknown fields are ignored', async () => {
    const user = assertOk<WireUser>(
      await api().create({ status: 'active', fullName: 'Grace Hopper' }),
      'user',
    );
    server.clock.advance(5000);
    const renamed = assertOk<WireUser>(
      await api().update(user.userID, { fullName: 'Rear Admiral Hopper' }),
      'user',
    );
    assert.equal(renamed.status, 'active');
    assert.equal(renamed.fullName, 'Rear Admiral Hopper');
    assert.equal(renamed.updatedMs, user.updatedMs + 5000);

    server.clock.advance(1000);
    const ignored = assertOk<WireUser>(
      await api().update(user.userID, { userID: 'usr-1', projectID: 'pro-1', created: 'x' }),
      'user',
    );
    assert.equal(ignored.userID, user.userID);
    assert.equal(ignored.fullName, 'Rear Admiral Hopper');
    assert.equal(ignored.status, 'active');
  });

  test('a user can be addressed by its bare number as well as usr-<number>', async () => {
    const user = assertOk<WireUser>(await api().create({ status: 'active' }), 'user');
    const bare = user.userID.slice('usr-'.length);
    assert.deepEqual(assertOk<WireUser>(await api().get(bare), 'user'), user);
    const updated = assertOk<WireUser>(await api().update(bare, { status: 'disabled' }), 'user');
    assert.equal(updated.userID, user.userID);
    assertOk(await api().remove(bare), 'genericRsp');
    assertError(await api().get(user.userID), { status: 404, code: 'USER_NOT_FOUND' });
  });

  test('list entries are userAggregates with creation time and empty identifier lists', async () => {
    const project = await server.createProject('Aggregate shapes');
    const client = as(project.authorization);
    const createdAt = server.clock.now();
    const user = assertOk<WireUser>(
      await client.create({ status: 'active', fullName: 'Shape Check' }),
      'user',
    );
    server.clock.advance(60_000);
    const updated = assertOk<WireUser>(
      await client.update(user.userID, { status: 'pending' }),
      'user',
    );
    const list = assertOk<WireUserList>(await client.list(), 'userList');
    assert.deepEqual(list.paging, { page: 1, totalPages: 1, totalItems: 1 });
    const [entry] = list.users;
    assert.ok(entry);
    assert.equal(entry.userID, user.userID);
    assert.equal(entry.fullName, 'Shape Check');
    assert.equal(entry.status, 'pending');
    assert.equal(entry.createdMS, createdAt);
    assert.equal(entry.created, `${new Date(createdAt).toISOString().slice(0, 19)}Z`);
    assert.equal(entry.updatedMs, updated.updatedMs);
    assert.equal(entry.updated, updated.updated);
    assert.deepEqual(entry.emailIdentifiers, []);
    assert.deepEqual(entry.phoneNumberIdentifiers, []);
    assert.deepEqual(entry.usernameIdentifiers, []);
    assert.deepEqual(entry.socialAccounts, []);
  });

  test('an empty project lists no users', async () => {
    const project = await server.createProject('Empty');
    const list = assertOk<WireUserList>(await as(project.authorization).list(), 'userList');
    assert.deepEqual(list.users, []);
    assert.equal(list.paging.page, 1);
    assert.equal(list.paging.totalItems, 0);
  });

  test("one project cannot see, change or delete another project's users", async () => {
    const a = as(server.authorization);
    const other = await server.createProject('Project B');
    const b = as(other.authorization);
    const user = assertOk<WireUser>(
      await a.create({ status: 'active', fullName: 'Only A' }),
      'user',
    );
    const bUser = assertOk<WireUser>(
      await b.create({ status: 'active', fullName: 'Only B' }),
      'user',
    );

    assertError(await b.get(user.userID), { status: 404, code: 'USER_NOT_FOUND' });
    assertError(await b.update(user.userID, { status: 'disabled', fullName: 'Hijacked' }), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(await b.remove(user.userID), { status: 404, code: 'USER_NOT_FOUND' });

    const bList = assertOk<WireUserList>(await b.list('?pageSize=100'), 'userList');
    assert.deepEqual(
      bList.users.map((u) => u.userID),
      [bUser.userID],
    );
    assert.equal(bList.paging.totalItems, 1);
    for (const filter of [`id:eq:${user.userID}`, 'searchValue:eq:Only', 'status:eq:active']) {
      const filtered = assertOk<WireUserList>(
        await b.list(`?${new URLSearchParams({ 'filter[]': filter })}`),
        'userList',
      );
      assert.ok(!filtered.users.some((u) => u.userID === user.userID), filter);
    }

    // A's user is untouched, and A cannot reach B's user either.
    const still = assertOk<WireUser>(await a.get(user.userID), 'user');
    assert.equal(still.fullName, 'Only A');
    assert.equal(still.status, 'active');
    assertError(await a.get(bUser.userID), { status: 404, code: 'USER_NOT_FOUND' });
    const aList = assertOk<WireUserList>(await a.list('?pageSize=100'), 'userList');
    assert.ok(!aList.users.some((u) => u.userID === bUser.userID));
  });

  test('user IDs are unique across many creates', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 30; i++) {
      ids.add(assertOk<WireUser>(await api().create({ status: 'active' }), 'user').userID);
    }
    assert.equal(ids.size, 30);
  });

  test('the clock is the only source of timestamps', async () => {
    const user = assertOk<WireUser>(await api().create({ status: 'active' }), 'user');
    assert.ok(user.updatedMs >= start);
    assert.equal(user.updatedMs, server.clock.now());
  });
});
