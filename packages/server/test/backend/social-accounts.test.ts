import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { assertMatchesSpec } from '../support/spec-schemas.js';
import { createTestServer, queryString, type TestServer } from '../support/test-server.js';

interface WireSocialAccount {
  socialAccountID: string;
  providerType: string;
  identifierValue: string;
  userID: string;
  foreignID: string;
  avatarURL: string;
  fullName: string;
}

interface WireSocialAccountList {
  socialAccounts: WireSocialAccount[];
  paging: { page: number; totalPages: number; totalItems: number };
}

type Query = Record<string, string | number | string[]>;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** UserSocialAccountList answers a plain array of `socialAccount` (backend_api.yml). */
function assertAccountArray(response: LightMyRequestResponse): WireSocialAccount[] {
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  const body = JSON.parse(response.body) as WireSocialAccount[];
  assert.ok(Array.isArray(body), 'the body is a plain array');
  for (const item of body) assertMatchesSpec('socialAccount', item);
  return body;
}

const github = {
  providerType: 'github',
  identifierValue: 'Jane@Doe.com',
  foreignID: '53150919',
  avatarURL: 'https://avatars.githubusercontent.com/u/53150919?v=4',
  fullName: 'Jane Doe',
};

describeEachDatabase('Backend API social accounts', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  const as = (authorization: string) => ({
    createUser: async (fullName = 'Social Owner') =>
      assertOk<{ userID: string }>(
        await server.app.inject({
          method: 'POST',
          url: '/v2/users',
          headers: { authorization },
          payload: { status: 'active', fullName },
        }),
        'user',
      ).userID,
    create: (userID: string, payload: unknown) =>
      server.app.inject({
        method: 'POST',
        url: `/v2/users/${userID}/socialAccounts`,
        headers: { authorization },
        payload: payload as Record<string, unknown>,
      }),
    listOfUser: (userID: string, query: Query = {}) =>
      server.app.inject({
        method: 'GET',
        url: `/v2/users/${userID}/socialAccounts${queryString(query)}`,
        headers: { authorization },
      }),
    list: (query: Query = {}) =>
      server.app.inject({
        method: 'GET',
        url: `/v2/socialAccounts${queryString(query)}`,
        headers: { authorization },
      }),
  });
  const api = () => as(server.authorization);

  const rowsOf = (projectId: string) =>
    server.deps.db
      .selectFrom('social_accounts')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();

  test('creates a social account and lists it for the user', async () => {
    const userID = await api().createUser();
    const account = assertOk<WireSocialAccount>(
      await api().create(userID, github),
      'socialAccount',
    );
    assert.match(account.socialAccountID, /^sac-\d{19}$/);
    assert.deepEqual(account, {
      socialAccountID: account.socialAccountID,
      providerType: 'github',
      identifierValue: 'jane@doe.com',
      userID,
      foreignID: '53150919',
      avatarURL: github.avatarURL,
      fullName: 'Jane Doe',
    });
    assert.deepEqual(assertAccountArray(await api().listOfUser(userID)), [account]);
    assert.deepEqual(assertAccountArray(await api().listOfUser(userID.slice(4))), [account]);
    // An empty avatar and name are allowed: providers do not always share them.
    const bare = assertOk<WireSocialAccount>(
      await api().create(userID, {
        ...github,
        providerType: 'google',
        foreignID: '1098',
        avatarURL: '',
        fullName: '',
      }),
      'socialAccount',
    );
    assert.equal(bare.avatarURL, '');
    assert.equal(bare.fullName, '');
  });

  test('bad bodies are 400 naming the field, and write nothing', async () => {
    const userID = await api().createUser();
    const cases: { payload: unknown; field: string }[] = [
      { payload: {}, field: 'providerType' },
      { payload: { ...github, providerType: undefined }, field: 'providerType' },
      { payload: { ...github, identifierValue: undefined }, field: 'identifierValue' },
      { payload: { ...github, foreignID: undefined }, field: 'foreignID' },
      { payload: { ...github, avatarURL: undefined }, field: 'avatarURL' },
      { payload: { ...github, fullName: undefined }, field: 'fullName' },
      { payload: { ...github, providerType: 'facebook' }, field: 'providerType' },
      { payload: { ...github, providerType: 'GitHub' }, field: 'providerType' },
      { payload: { ...github, providerType: 3 }, field: 'providerType' },
      { payload: { ...github, identifierValue: 'not an email' }, field: 'identifierValue' },
      { payload: { ...github, identifierValue: '' }, field: 'identifierValue' },
      { payload: { ...github, identifierValue: { a: 1 } }, field: 'identifierValue' },
      {
        payload: { ...github, identifierValue: `${'a'.repeat(330)}@x.com` },
        field: 'identifierValue',
      },
      { payload: { ...github, foreignID: '' }, field: 'foreignID' },
      { payload: { ...github, foreignID: '   ' }, field: 'foreignID' },
      { payload: { ...github, foreignID: 'x'.repeat(257) }, field: 'foreignID' },
      { payload: { ...github, foreignID: 'a\u0000b' }, field: 'foreignID' },
      { payload: { ...github, foreignID: ['1', '2'] }, field: 'foreignID' },
      { payload: { ...github, avatarURL: 'ftp://example.com/a.png' }, field: 'avatarURL' },
      { payload: { ...github, avatarURL: 'javascript:alert(1)' }, field: 'avatarURL' },
      { payload: { ...github, avatarURL: 'data:image/png;base64,AAAA' }, field: 'avatarURL' },
      { payload: { ...github, avatarURL: '/relative/a.png' }, field: 'avatarURL' },
      { payload: { ...github, avatarURL: 'https://' }, field: 'avatarURL' },
      { payload: { ...github, avatarURL: 'https://user:pw@example.com/a' }, field: 'avatarURL' },
      { payload: { ...github, avatarURL: 'https://exa mple.com/a' }, field: 'avatarURL' },
      { payload: { ...github, avatarURL: 'https://example.com/a\nb' }, field: 'avatarURL' },
      {
        payload: { ...github, avatarURL: `https://example.com/${'a'.repeat(2030)}` },
        field: 'avatarURL',
      },
      { payload: { ...github, fullName: 'x'.repeat(257) }, field: 'fullName' },
      { payload: { ...github, fullName: 'Jane\u0007' }, field: 'fullName' },
      { payload: { ...github, fullName: { first: 'Jane' } }, field: 'fullName' },
    ];
    for (const { payload, field } of cases) {
      assertError(await api().create(userID, payload), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: JSON.stringify(payload).slice(0, 200),
      });
    }
    assertError(await api().create('usr-x', github), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'userID',
    });
    assert.deepEqual(
      (await rowsOf(server.project.id)).filter((row) => row.user_id === userID),
      [],
    );
    // The limits themselves are fine.
    assertOk(
      await api().create(userID, {
        ...github,
        foreignID: 'f'.repeat(256),
        avatarURL: `http://example.com/${'a'.repeat(2048 - 'http://example.com/'.length)}`,
        fullName: 'n'.repeat(256),
      }),
      'socialAccount',
    );
  });

  test('unknown users and users of another project are 404 and nothing is written', async () => {
    const other = await server.createProject('Other social');
    const foreignUser = await as(other.authorization).createUser();
    const before = await rowsOf(server.project.id);
    assertError(await api().create('usr-1234567890123456789', github), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(await api().create(foreignUser, github), { status: 404, code: 'USER_NOT_FOUND' });
    assertError(await api().listOfUser(foreignUser), { status: 404, code: 'USER_NOT_FOUND' });
    assertError(await api().listOfUser('usr-1234567890123456789'), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(await api().listOfUser('nope'), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'userID',
    });
    assert.deepEqual(await rowsOf(other.project.id), []);
    assert.deepEqual(await rowsOf(server.project.id), before);
  });

  test('(provider, foreignID) is unique per project: 409 DUPLICATE_VALUE naming foreignID', async () => {
    const first = await api().createUser('First social');
    const second = await api().createUser('Second social');
    const payload = { ...github, foreignID: 'dup-1' };
    const original = assertOk<WireSocialAccount>(
      await api().create(first, payload),
      'socialAccount',
    );
    for (const userID of [first, second]) {
      assertError(
        await api().create(userID, { ...payload, identifierValue: 'other@example.com' }),
        {
          status: 409,
          code: 'DUPLICATE_VALUE',
          field: 'foreignID',
          type: 'conflict',
        },
      );
    }
    // Same foreign ID at another provider, or in another project: fine.
    assertOk(
      await api().create(second, { ...payload, providerType: 'microsoft' }),
      'socialAccount',
    );
    const other = await server.createProject('Social elsewhere');
    const otherUser = await as(other.authorization).createUser();
    assertOk(await as(other.authorization).create(otherUser, payload), 'socialAccount');
    const rows = (await rowsOf(server.project.id)).filter((row) => row.foreign_id === 'dup-1');
    assert.deepEqual(
      rows.map((row) => [row.provider_type, row.user_id]).sort(),
      [
        ['github', first],
        ['microsoft', second],
      ].sort(),
    );
    assert.ok(rows.some((row) => row.id === original.socialAccountID));

    const racers = await Promise.all([1, 2, 3, 4, 5].map(() => api().createUser('Racer')));
    const responses = await Promise.all(
      racers.map((userID) => api().create(userID, { ...github, foreignID: 'race' })),
    );
    assert.equal(responses.filter((r) => r.statusCode === 200).length, 1);
    for (const response of responses) {
      if (response.statusCode !== 200)
        assertError(response, { status: 409, code: 'DUPLICATE_VALUE' });
    }
  });

  test('deleting a user deletes its social accounts (ON DELETE CASCADE)', async () => {
    const userID = await api().createUser('Cascade social');
    assertOk(await api().create(userID, { ...github, foreignID: 'cascade-1' }), 'socialAccount');
    assertOk(
      await api().create(userID, { ...github, providerType: 'google', foreignID: 'cascade-2' }),
      'socialAccount',
    );
    assert.equal((await rowsOf(server.project.id)).filter((r) => r.user_id === userID).length, 2);
    assertOk(
      await server.app.inject({
        method: 'DELETE',
        url: `/v2/users/${userID}`,
        headers: { authorization: server.authorization },
      }),
      'genericRsp',
    );
    assert.deepEqual(
      (await rowsOf(server.project.id)).filter((r) => r.user_id === userID),
      [],
    );
    // The provider account can be linked to someone else now.
    const next = await api().createUser('Next social');
    assertOk(await api().create(next, { ...github, foreignID: 'cascade-1' }), 'socialAccount');
  });
});

describeEachDatabase('Backend API social account lists', (kind) => {
  let server: TestServer;
  let authorization: string;
  const users: string[] = [];
  const all: WireSocialAccount[] = [];

  const get = (url: string, auth = authorization) =>
    server.app.inject({ method: 'GET', url, headers: { authorization: auth } });
  const listOk = async (query: Query = {}) =>
    assertOk<WireSocialAccountList>(
      await get(`/v2/socialAccounts${queryString(query)}`),
      'socialAccountList',
    );
  const ids = (items: WireSocialAccount[]) => items.map((item) => item.socialAccountID);

  before(async () => {
    server = await createTestServer(kind);
    const project = await server.createProject('Social lists');
    authorization = project.authorization;
    for (let i = 0; i < 2; i++) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: { authorization },
        payload: { status: 'active', fullName: `Social ${i}` },
      });
      users.push(assertOk<{ userID: string }>(response, 'user').userID);
    }
    const accounts: [number, string, string][] = [
      [0, 'github', '300'],
      [0, 'google', '100'],
      [1, 'github', '200'],
      [1, 'microsoft', 'abc'],
      [0, 'microsoft', '150'],
      [1, 'google', '999'],
      [1, 'github', '050'],
    ];
    for (const [user, providerType, foreignID] of accounts) {
      const response = await server.app.inject({
        method: 'POST',
        url: `/v2/users/${users[user]}/socialAccounts`,
        headers: { authorization },
        payload: { ...github, providerType, foreignID, identifierValue: `u${user}@example.com` },
      });
      all.push(assertOk<WireSocialAccount>(response, 'socialAccount'));
      server.clock.advance(1000);
    }
  });
  after(async () => {
    await server.close();
  });

  test('the project list pages oldest first', async () => {
    const result = await listOk({ pageSize: 100 });
    assert.deepEqual(ids(result.socialAccounts), ids(all));
    assert.deepEqual(result.paging, { page: 1, totalPages: 1, totalItems: all.length });
    const page2 = await listOk({ page: 2, pageSize: 3 });
    assert.deepEqual(ids(page2.socialAccounts), ids(all.slice(3, 6)));
    assert.deepEqual(page2.paging, { page: 2, totalPages: 3, totalItems: all.length });
    assert.deepEqual((await listOk({ page: 5, pageSize: 3 })).socialAccounts, []);
  });

  test('sort and filter by providerType and foreignID', async () => {
    const byProvider = (a: WireSocialAccount, b: WireSocialAccount) =>
      compareText(a.providerType, b.providerType) ||
      compareText(a.socialAccountID, b.socialAccountID);
    const byForeign = (a: WireSocialAccount, b: WireSocialAccount) =>
      compareText(a.foreignID, b.foreignID) || compareText(a.socialAccountID, b.socialAccountID);
    for (const [field, compare] of [
      ['providerType', byProvider],
      ['foreignID', byForeign],
    ] as const) {
      const expected = ids([...all].sort(compare));
      assert.deepEqual(
        ids((await listOk({ sort: `${field}:asc`, pageSize: 100 })).socialAccounts),
        expected,
      );
      assert.deepEqual(
        ids((await listOk({ sort: `${field}:desc`, pageSize: 100 })).socialAccounts),
        [...expected].reverse(),
      );
    }
    for (const provider of ['github', 'google', 'microsoft']) {
      const result = await listOk({ 'filter[]': `providerType:eq:${provider}`, pageSize: 100 });
      assert.deepEqual(
        ids(result.socialAccounts),
        ids(all.filter((a) => a.providerType === provider)),
      );
      assert.equal(result.paging.totalItems, all.filter((a) => a.providerType === provider).length);
    }
    assert.deepEqual(
      ids((await listOk({ 'filter[]': 'foreignID:eq:200' })).socialAccounts),
      ids(all.filter((a) => a.foreignID === '200')),
    );
    assert.deepEqual(
      ids(
        (await listOk({ 'filter[]': ['foreignID:gt:100', 'foreignID:lt:900'], pageSize: 100 }))
          .socialAccounts,
      ),
      ids(all.filter((a) => a.foreignID > '100' && a.foreignID < '900')),
    );
    assert.deepEqual(
      ids(
        (await listOk({ 'filter[]': ['providerType:eq:github', 'foreignID:gt:100'] }))
          .socialAccounts,
      ),
      ids(all.filter((a) => a.providerType === 'github' && a.foreignID > '100')),
    );
  });

  test("the user's list is a plain array with the same sort, filter and paging", async () => {
    const mine = all.filter((a) => a.userID === users[1]);
    const url = (query: Query = {}) => `/v2/users/${users[1]}/socialAccounts${queryString(query)}`;
    assert.deepEqual(ids(assertAccountArray(await get(url()))), ids(mine));
    assert.deepEqual(
      ids(assertAccountArray(await get(url({ sort: 'foreignID:desc' })))),
      ids([...mine].sort((a, b) => compareText(b.foreignID, a.foreignID))),
    );
    assert.deepEqual(
      ids(assertAccountArray(await get(url({ 'filter[]': 'providerType:eq:github' })))),
      ids(mine.filter((a) => a.providerType === 'github')),
    );
    assert.deepEqual(
      ids(assertAccountArray(await get(url({ page: 2, pageSize: 2 })))),
      ids(mine.slice(2, 4)),
    );
    assert.deepEqual(assertAccountArray(await get(url({ page: 9 }))), []);
    const lonely = assertOk<{ userID: string }>(
      await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: { authorization },
        payload: { status: 'active' },
      }),
      'user',
    ).userID;
    assert.deepEqual(assertAccountArray(await get(`/v2/users/${lonely}/socialAccounts`)), []);
  });

  test('unknown or malformed sort and filter parameters are 400 naming them', async () => {
    for (const base of ['/v2/socialAccounts', `/v2/users/${users[0]}/socialAccounts`]) {
      for (const sort of ['created:asc', 'provider', 'foreignId', 'providerType:sideways']) {
        assertError(await get(`${base}${queryString({ sort })}`), {
          status: 400,
          code: 'VALIDATION_FAILED',
          field: 'sort',
          label: sort,
        });
      }
      for (const filter of [
        'userID:eq:1',
        'identifierValue:eq:a@b.com',
        'providerType:eq:facebook',
        'providerType:gt:github',
        'foreignID:like:1',
        'foreignID',
        'foreignID:eq:a\u0001',
      ]) {
        assertError(await get(`${base}${queryString({ 'filter[]': filter })}`), {
          status: 400,
          code: 'VALIDATION_FAILED',
          field: 'filter[]',
          label: filter,
        });
      }
      assertError(await get(`${base}?page=0`), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'page',
      });
    }
  });

  test("another project's social accounts are never listed", async () => {
    const other = await server.createProject('No social');
    const result = assertOk<WireSocialAccountList>(
      await get('/v2/socialAccounts?pageSize=100', other.authorization),
      'socialAccountList',
    );
    assert.deepEqual(result.socialAccounts, []);
    assert.equal(result.paging.totalItems, 0);
    assertError(await get(`/v2/users/${users[0]}/socialAccounts`, other.authorization), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
  });
});
