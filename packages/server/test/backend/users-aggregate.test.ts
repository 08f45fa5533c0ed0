import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { listUsers } from '../../src/core/users/list-users.js';
import { assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

interface WireIdentifier {
  identifierID: string;
  type: string;
  value: string;
  status: string;
  userID: string;
}

interface WireSocialAccount {
  socialAccountID: string;
  providerType: string;
  userID: string;
  foreignID: string;
}

interface WireUserAggregate {
  userID: string;
  fullName?: string;
  emailIdentifiers: WireIdentifier[];
  phoneNumberIdentifiers: WireIdentifier[];
  usernameIdentifiers: WireIdentifier[];
  socialAccounts: WireSocialAccount[];
}

interface WireUserList {
  users: WireUserAggregate[];
  paging: { page: number; totalPages: number; totalItems: number };
}

describeEachDatabase('Backend API user aggregates and search', (kind) => {
  let server: TestServer;
  let authorization: string;
  let projectId: string;
  let otherAuthorization: string;
  const user: Record<string, string> = {};

  const post = async (url: string, payload: Record<string, unknown>, auth = authorization) =>
    server.app.inject({ method: 'POST', url, headers: { authorization: auth }, payload });
  const createUser = async (fullName: string | undefined, auth = authorization) =>
    assertOk<{ userID: string }>(
      await post('/v2/users', { status: 'active', ...(fullName && { fullName }) }, auth),
      'user',
    ).userID;
  const addIdentifier = async (
    userID: string,
    identifierType: string,
    identifierValue: string,
    auth = authorization,
  ) =>
    assertOk<WireIdentifier>(
      await post(
        `/v2/users/${userID}/identifiers`,
        { identifierType, identifierValue, status: 'verified' },
        auth,
      ),
      'identifier',
    );
  const addSocial = async (userID: string, providerType: string, foreignID: string) =>
    assertOk<WireSocialAccount>(
      await post(`/v2/users/${userID}/socialAccounts`, {
        providerType,
        foreignID,
        identifierValue: 'social@example.com',
        avatarURL: 'https://example.com/a.png',
        fullName: 'Social Name',
      }),
      'socialAccount',
    );
  const list = async (query: Record<string, string | string[] | number>, auth = authorization) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
    }
    return assertOk<WireUserList>(
      await server.app.inject({
        method: 'GET',
        url: `/v2/users?${params}`,
        headers: { authorization: auth },
      }),
      'userList',
    );
  };
  const search = async (text: string, extra: string[] = []) =>
    (
      await list({
        'filter[]': [`searchValue:eq:${text}`, ...extra],
        pageSize: 100,
        sort: 'id:asc',
      })
    ).users.map((u) => u.userID);
  const expect = (...names: string[]) =>
    names.map((name) => user[name]!).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  before(async () => {
    server = await createTestServer(kind);
    const project = await server.createProject('Aggregates');
    authorization = project.authorization;
    projectId = project.project.id;
    otherAuthorization = (await server.createProject('Aggregates elsewhere')).authorization;
    user.jane = await createUser('Jane Doe');
    await addIdentifier(user.jane, 'email', 'jane.doe@example.com');
    server.clock.advance(1000);
    await addIdentifier(user.jane, 'phone', '+4915112345678');
    server.clock.advance(1000);
    await addIdentifier(user.jane, 'email', 'jd@work.example');
    server.clock.advance(1000);
    await addIdentifier(user.jane, 'username', 'janed');
    await addSocial(user.jane, 'github', 'gh-1');
    server.clock.advance(1000);
    await addSocial(user.jane, 'google', 'go-1');

    user.nameless = await createUser(undefined);
    await addIdentifier(user.nameless, 'email', 'Zed@Example.org');
    await addIdentifier(user.nameless, 'username', 'Jan_Z');

    user.bob = await createUser('Bob Jones');
    await addIdentifier(user.bob, 'phone', '+14155552671');

    // A name that also starts like one of its identifiers: must be listed once.
    user.janet = await createUser('Janet');
    await addIdentifier(user.janet, 'email', 'janet@example.com');

    user.plain = await createUser('Plain User');

    // Same values in another project must not make this project's search match.
    const stranger = await createUser('Stranger', otherAuthorization);
    await addIdentifier(stranger, 'email', 'plain@example.com', otherAuthorization);
  });
  after(async () => {
    await server.close();
  });

  test('userAggregate carries identifiers by type and social accounts, oldest first', async () => {
    const result = await list({ 'filter[]': `id:eq:${user.jane}` });
    const [jane] = result.users;
    assert.ok(jane);
    assert.deepEqual(
      jane.emailIdentifiers.map((i) => i.value),
      ['jane.doe@example.com', 'jd@work.example'],
    );
    assert.deepEqual(
      jane.phoneNumberIdentifiers.map((i) => i.value),
      ['+4915112345678'],
    );
    assert.deepEqual(
      jane.usernameIdentifiers.map((i) => i.value),
      ['janed'],
    );
    for (const identifier of [
      ...jane.emailIdentifiers,
      ...jane.phoneNumberIdentifiers,
      ...jane.usernameIdentifiers,
    ]) {
      assert.equal(identifier.userID, user.jane);
      assert.equal(identifier.status, 'verified');
      assert.match(identifier.identifierID, /^ide-\d{19}$/);
    }
    assert.deepEqual(
      jane.socialAccounts.map((a) => [a.providerType, a.foreignID, a.userID]),
      [
        ['github', 'gh-1', user.jane],
        ['google', 'go-1', user.jane],
      ],
    );

    const all = await list({ pageSize: 100 });
    const plain = all.users.find((u) => u.userID === user.plain);
    assert.ok(plain);
    assert.deepEqual(
      [
        plain.emailIdentifiers,
        plain.phoneNumberIdentifiers,
        plain.usernameIdentifiers,
        plain.socialAccounts,
      ],
      [[], [], [], []],
    );
    const nameless = all.users.find((u) => u.userID === user.nameless);
    assert.deepEqual(
      nameless?.emailIdentifiers.map((i) => i.value),
      ['zed@example.org'],
    );
    assert.deepEqual(
      nameless?.usernameIdentifiers.map((i) => i.value),
      ['jan_z'],
    );
    // Every user carries only its own identifiers.
    for (const entry of all.users) {
      for (const identifier of [...entry.emailIdentifiers, ...entry.phoneNumberIdentifiers]) {
        assert.equal(identifier.userID, entry.userID);
      }
    }
  });

  test('searchValue matches the start of names and identifier values, case-insensitively', async () => {
    assert.deepEqual(await search('jane.d'), expect('jane'));
    assert.deepEqual(await search('JD@WORK'), expect('jane'));
    assert.deepEqual(await search('+49151'), expect('jane'));
    assert.deepEqual(await search('+1415'), expect('bob'));
    assert.deepEqual(await search('zed@'), expect('nameless'));
    assert.deepEqual(await search('ZED'), expect('nameless'));
    assert.deepEqual(await search('jan_'), expect('nameless'));
    // Names and identifiers together, each user once.
    assert.deepEqual(await search('jan'), expect('jane', 'nameless', 'janet'));
    assert.deepEqual(await search('janet'), expect('janet'));
    assert.deepEqual(await search('bob'), expect('bob'));
    // A prefix, not a substring.
    assert.deepEqual(await search('example.com'), []);
    assert.deepEqual(await search('doe@'), []);
    // Another project's identifiers never match here.
    assert.deepEqual(await search('plain@'), []);
    assert.deepEqual(await search('plain'), expect('plain'));
    // Combined with other filters, and the totals follow.
    assert.deepEqual(await search('jan', ['status:eq:disabled']), []);
    const paged = await list({ 'filter[]': 'searchValue:eq:jan', pageSize: 2 });
    assert.deepEqual(paged.paging, { page: 1, totalPages: 2, totalItems: 3 });
    // Wildcards are literal.
    assert.deepEqual(await search('jan%'), []);
    assert.deepEqual(await search('j_n'), []);
  });

  test('the whole page is loaded with one query per table, not one per user', async () => {
    const counts: number[] = [];
    for (const pageSize of [1, 3, 100]) {
      let queries = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const page = await listUsers({ db: server.deps.db.withPlugin(counter) }, projectId, {
        pageSize,
      });
      assert.ok(page.items.length > 0);
      counts.push(queries);
    }
    // users page, users count, identifiers, social accounts.
    assert.deepEqual(counts, [4, 4, 4]);
  });
});
