import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { assertMatchesSpec, specProblems } from '../support/spec-schemas.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

interface WireConnectToken {
  id: string;
  tokenType: string;
  data: { displayName?: string; identifier: string };
  connectTokenStatus: string;
  secret?: string;
  expires: number;
}

interface WireConnectTokenList {
  connectTokens: WireConnectToken[];
  paging: { page: number; totalPages: number; totalItems: number };
}

const dataSchemas: Record<string, string> = {
  'passkey-append': 'connectTokenDataPasskeyAppend',
  'passkey-delete': 'connectTokenDataPasskeyDelete',
  'passkey-list': 'connectTokenDataPasskeyList',
  'passkey-login': 'connectTokenDataPasskeyLogin',
};

/**
 * The spec's `connectTokenData` is a oneOf whose members overlap (every member requires
 * `identifier`, so any valid data matches at least three of them and no body can satisfy
 * "exactly one"). So: everything but `data` is checked against `connectToken` (closed), and
 * `data` against the member its `tokenType` names (closed, so no stray fields).
 */
function assertConnectTokenSpec(token: WireConnectToken): void {
  const schema = dataSchemas[token.tokenType];
  assert.ok(schema, `unknown tokenType ${token.tokenType}`);
  assertMatchesSpec(schema, token.data);
}

function specProblemsOutsideData(schemaName: string, body: unknown): string[] {
  return specProblems(schemaName, body).filter(
    (problem) => !/^(\/connectTokens\/\d+)?\/data\b/.test(problem),
  );
}

function okToken(response: LightMyRequestResponse): WireConnectToken {
  assert.equal(
    response.statusCode,
    200,
    `expected 200, got ${response.statusCode}: ${response.body}`,
  );
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.match(String(response.headers['x-request-id']), /\S/);
  const body = JSON.parse(response.body) as WireConnectToken;
  assert.deepEqual(specProblemsOutsideData('connectToken', body), [], response.body);
  assertConnectTokenSpec(body);
  return body;
}

function okList(response: LightMyRequestResponse): WireConnectTokenList {
  assert.equal(
    response.statusCode,
    200,
    `expected 200, got ${response.statusCode}: ${response.body}`,
  );
  const body = JSON.parse(response.body) as WireConnectTokenList;
  assert.deepEqual(specProblemsOutsideData('connectTokenList', body), [], response.body);
  for (const token of body.connectTokens) {
    assertConnectTokenSpec(token);
    assert.equal('secret' in token, false, 'a list never carries secrets');
  }
  return body;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const appendData = { displayName: 'Jane Doe', identifier: 'jane@example.com' };

describeEachDatabase('Backend API connect tokens', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  const as = (authorization: string) => ({
    create: (payload: unknown) =>
      server.app.inject({
        method: 'POST',
        url: '/v2/connectTokens',
        headers: { authorization },
        payload: payload as Record<string, unknown>,
      }),
    list: (query = '') =>
      server.app.inject({
        method: 'GET',
        url: `/v2/connectTokens${query}`,
        headers: { authorization },
      }),
    update: (id: string, payload: unknown) =>
      server.app.inject({
        method: 'PATCH',
        url: `/v2/connectTokens/${id}`,
        headers: { authorization },
        payload: payload as Record<string, unknown>,
      }),
    remove: (id: string) =>
      server.app.inject({
        method: 'DELETE',
        url: `/v2/connectTokens/${id}`,
        headers: { authorization },
      }),
  });
  const nowSeconds = () => Math.floor(server.clock.now() / 1000);

  const tokenRows = () =>
    server.database.handle.db.selectFrom('connect_tokens').selectAll().execute();

  async function freshProject() {
    const project = await server.createProject('Connect tokens');
    return { ...project, client: as(project.authorization) };
  }

  test('creates a token of each type; the secret is returned once and stored only hashed', async () => {
    const { project, client } = await freshProject();
    const cases = [
      { type: 'passkey-append', data: appendData },
      { type: 'passkey-delete', data: { identifier: 'jane@example.com' } },
      { type: 'passkey-list', data: { identifier: 'jane@example.com' } },
      { type: 'passkey-login', data: { identifier: 'jane@example.com' } },
    ];
    const created: WireConnectToken[] = [];
    for (const input of cases) {
      const token = okToken(await client.create(input));
      assert.match(token.id, /^ctk-\d{19}$/);
      assert.equal(token.tokenType, input.type);
      assert.deepEqual(token.data, input.data);
      assert.equal(token.connectTokenStatus, 'initial');
      assert.match(token.secret ?? '', /^ctk1_[0-9A-Za-z]{48}$/);
      // The default lifetime is 600 seconds; `expires` is Unix seconds.
      assert.equal(token.expires, nowSeconds() + 600);
      created.push(token);
    }
    assert.equal(new Set(created.map((t) => t.secret)).size, 4);

    const rows = (await tokenRows()).filter((row) => row.project_id === project.id);
    assert.equal(rows.length, 4);
    for (const token of created) {
      const row = rows.find((r) => r.id === token.id);
      assert.ok(row);
      assert.equal(row.secret_hash, sha256(token.secret ?? ''));
      assert.equal(Number(row.expires_at), token.expires * 1000);
      assert.ok(!JSON.stringify(row).includes(token.secret ?? '-'), 'the secret is not stored');
    }

    const list = okList(await client.list('?pageSize=100'));
    assert.equal(list.paging.totalItems, 4);
    for (const token of created) {
      assert.ok(!JSON.stringify(list).includes(token.secret ?? '-'), 'the list leaks a secret');
      const entry = list.connectTokens.find((t) => t.id === token.id);
      const { secret: _secret, ...withoutSecret } = token;
      assert.deepEqual(entry, withoutSecret);
    }
  });

  test('maxLifetimeInSeconds: used as given, shortened to 3600, never zero or negative', async () => {
    const { client } = await freshProject();
    const lifetime = async (maxLifetimeInSeconds: unknown) =>
      okToken(
        await client.create({
          type: 'passkey-login',
          data: { identifier: 'a' },
          maxLifetimeInSeconds,
        }),
      ).expires - nowSeconds();
    assert.equal(await lifetime(60), 60);
    assert.equal(await lifetime(1), 1);
    assert.equal(await lifetime(3600), 3600);
    assert.equal(await lifetime(3601), 3600);
    assert.equal(await lifetime(86_400 * 365), 3600);
    assert.equal(await lifetime(Number.MAX_SAFE_INTEGER), 3600);
    // Form-style numbers in JSON strings are read as numbers.
    assert.equal(await lifetime('120'), 120);

    const before = (await tokenRows()).length;
    for (const bad of [0, -1, -3600, 1.5, 'abc', '', [], {}]) {
      assertError(
        await client.create({
          type: 'passkey-login',
          data: { identifier: 'a' },
          maxLifetimeInSeconds: bad,
        }),
        {
          status: 400,
          code: 'VALIDATION_FAILED',
          field: 'maxLifetimeInSeconds',
          label: JSON.stringify(bad),
        },
      );
    }
    assert.equal((await tokenRows()).length, before, 'a rejected create writes nothing');
  });

  test('expiry falls on a whole second, so the token never outlives `expires`', async () => {
    const { client } = await freshProject();
    server.clock.advance(750);
    const token = okToken(
      await client.create({
        type: 'passkey-login',
        data: { identifier: 'a' },
        maxLifetimeInSeconds: 10,
      }),
    );
    assert.equal(token.expires, Math.floor(server.clock.now() / 1000) + 10);
    const row = (await tokenRows()).find((r) => r.id === token.id);
    assert.equal(Number(row?.expires_at), token.expires * 1000);
    assert.ok(Number(row?.expires_at) <= server.clock.now() + 10_000);
  });

  test('data is checked per type, naming data.<field>; extra fields are dropped', async () => {
    const { client } = await freshProject();
    const before = (await tokenRows()).length;
    const cases: { payload: unknown; field: string }[] = [
      { payload: { data: appendData }, field: 'type' },
      { payload: { type: 'passkey-update', data: appendData }, field: 'type' },
      { payload: { type: 'PASSKEY-APPEND', data: appendData }, field: 'type' },
      { payload: { type: 7, data: appendData }, field: 'type' },
      { payload: { type: 'passkey-append' }, field: 'data' },
      { payload: { type: 'passkey-append', data: 'jane@example.com' }, field: 'data' },
      { payload: { type: 'passkey-append', data: ['jane@example.com'] }, field: 'data' },
      { payload: { type: 'passkey-append', data: null }, field: 'data' },
      { payload: { type: 'passkey-append', data: { identifier: 'a' } }, field: 'data.displayName' },
      { payload: { type: 'passkey-append', data: { displayName: 'A' } }, field: 'data.identifier' },
      {
        payload: { type: 'passkey-append', data: { displayName: ' ', identifier: 'a' } },
        field: 'data.displayName',
      },
      { payload: { type: 'passkey-login', data: {} }, field: 'data.identifier' },
      { payload: { type: 'passkey-delete', data: { identifier: '' } }, field: 'data.identifier' },
      { payload: { type: 'passkey-list', data: { identifier: '   ' } }, field: 'data.identifier' },
      { payload: { type: 'passkey-login', data: { identifier: {} } }, field: 'data.identifier' },
      {
        payload: { type: 'passkey-login', data: { identifier: 'a'.repeat(321) } },
        field: 'data.identifier',
      },
      {
        payload: { type: 'passkey-login', data: { identifier: 'a\u0000b' } },
        field: 'data.identifier',
      },
      {
        payload: { type: 'passkey-login', data: { identifier: 'a\nb' } },
        field: 'data.identifier',
      },
      {
        payload: {
          type: 'passkey-append',
          data: { displayName: 'x'.repeat(257), identifier: 'a' },
        },
        field: 'data.displayName',
      },
      {
        payload: { type: 'passkey-append', data: { displayName: 'x\u007fy', identifier: 'a' } },
        field: 'data.displayName',
      },
      {
        payload: { type: 'passkey-append', data: { displayName: ['A', 'B'], identifier: 'a' } },
        field: 'data.displayName',
      },
    ];
    for (const { payload, field } of cases) {
      assertError(await client.create(payload), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: JSON.stringify(payload),
      });
    }
    assert.equal((await tokenRows()).length, before, 'a rejected create writes nothing');

    const login = okToken(
      await client.create({
        type: 'passkey-login',
        data: { identifier: '  jane@example.com ', displayName: 'Ignored', role: 'admin' },
        secret: 'ctk1_chosen',
        expires: 1,
        connectTokenStatus: 'consumed',
      }),
    );
    assert.deepEqual(login.data, { identifier: 'jane@example.com' });
    assert.equal(login.connectTokenStatus, 'initial');
    assert.notEqual(login.secret, 'ctk1_chosen');
    assert.equal(login.expires, nowSeconds() + 600);
    const append = okToken(
      await client.create({
        type: 'passkey-append',
        data: { displayName: 'Zoë 李 🙂', identifier: 'x'.repeat(320), extra: 1 },
      }),
    );
    assert.deepEqual(append.data, { displayName: 'Zoë 李 🙂', identifier: 'x'.repeat(320) });
  });

  test('form-encoded bodies cannot carry the nested data object: 400 naming data', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v2/connectTokens',
      headers: {
        authorization: server.authorization,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'type=passkey-login&data%5Bidentifier%5D=a',
    });
    assertError(response, { status: 400, code: 'VALIDATION_FAILED', field: 'data' });
  });

  test('PATCH: consumed revokes, is idempotent, and never goes back to initial', async () => {
    const { client } = await freshProject();
    const token = okToken(await client.create({ type: 'passkey-append', data: appendData }));
    const other = okToken(await client.create({ type: 'passkey-list', data: { identifier: 'b' } }));

    assertOk(await client.update(token.id, { status: 'initial' }), 'genericRsp');
    server.clock.advance(1000);
    assertOk(await client.update(token.id, { status: 'consumed' }), 'genericRsp');
    const row = (await tokenRows()).find((r) => r.id === token.id);
    assert.equal(row?.status, 'consumed');
    assert.equal(Number(row?.updated_at), server.clock.now());
    assertOk(await client.update(token.id, { status: 'consumed' }), 'genericRsp');
    assertError(await client.update(token.id, { status: 'initial' }), {
      status: 409,
      code: 'CONFLICT',
    });
    const list = okList(await client.list('?pageSize=100'));
    assert.equal(list.connectTokens.find((t) => t.id === token.id)?.connectTokenStatus, 'consumed');
    assert.equal(list.connectTokens.find((t) => t.id === other.id)?.connectTokenStatus, 'initial');

    // The bare number addresses the token too.
    assertOk(
      await client.update(other.id.slice('ctk-'.length), { status: 'consumed' }),
      'genericRsp',
    );
    assert.equal((await tokenRows()).find((r) => r.id === other.id)?.status, 'consumed');
  });

  test('PATCH rejects bad status and IDs without writing', async () => {
    const { client } = await freshProject();
    const token = okToken(
      await client.create({ type: 'passkey-login', data: { identifier: 'a' } }),
    );
    const snapshot = JSON.stringify(await tokenRows());
    for (const payload of [
      {},
      { status: 'expired' },
      { status: 'CONSUMED' },
      { status: '' },
      { status: {} },
      { status: null },
    ]) {
      assertError(await client.update(token.id, payload), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'status',
        label: JSON.stringify(payload),
      });
    }
    for (const id of [
      'abc',
      'ctk-',
      'usr-4693224802260150919',
      'ctk-12a',
      `ctk-${'1'.repeat(21)}`,
      'ctk1_secret',
    ]) {
      assertError(await client.update(encodeURIComponent(id), { status: 'consumed' }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'connectTokenID',
        label: id,
      });
      assertError(await client.remove(encodeURIComponent(id)), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'connectTokenID',
        label: id,
      });
    }
    assertError(await client.update('ctk-4693224802260150919', { status: 'consumed' }), {
      status: 404,
      code: 'CONNECT_TOKEN_NOT_FOUND',
    });
    assertError(await client.update('ctk-4693224802260150919', { status: 'initial' }), {
      status: 404,
      code: 'CONNECT_TOKEN_NOT_FOUND',
    });
    assert.equal(JSON.stringify(await tokenRows()), snapshot, 'nothing changed');
  });

  test('DELETE removes a token of any status; then 404', async () => {
    const { client } = await freshProject();
    const token = okToken(
      await client.create({ type: 'passkey-login', data: { identifier: 'a' } }),
    );
    const consumed = okToken(
      await client.create({ type: 'passkey-list', data: { identifier: 'a' } }),
    );
    assertOk(await client.update(consumed.id, { status: 'consumed' }), 'genericRsp');
    assertOk(await client.remove(token.id), 'genericRsp');
    assertOk(await client.remove(consumed.id.slice('ctk-'.length)), 'genericRsp');
    for (const id of [token.id, consumed.id]) {
      assertError(await client.remove(id), { status: 404, code: 'CONNECT_TOKEN_NOT_FOUND' });
      assertError(await client.update(id, { status: 'consumed' }), {
        status: 404,
        code: 'CONNECT_TOKEN_NOT_FOUND',
      });
    }
    assert.deepEqual(okList(await client.list()).connectTokens, []);
    assertError(await client.remove('ctk-4693224802260150919'), {
      status: 404,
      code: 'CONNECT_TOKEN_NOT_FOUND',
    });
  });

  test("one project cannot see, change or delete another project's tokens", async () => {
    const a = await freshProject();
    const b = await freshProject();
    const token = okToken(await a.client.create({ type: 'passkey-append', data: appendData }));
    const bToken = okToken(
      await b.client.create({ type: 'passkey-login', data: { identifier: 'b' } }),
    );
    const snapshot = JSON.stringify((await tokenRows()).find((r) => r.id === token.id));

    assertError(await b.client.update(token.id, { status: 'consumed' }), {
      status: 404,
      code: 'CONNECT_TOKEN_NOT_FOUND',
    });
    assertError(await b.client.remove(token.id), { status: 404, code: 'CONNECT_TOKEN_NOT_FOUND' });
    const bList = okList(await b.client.list('?pageSize=100'));
    assert.deepEqual(
      bList.connectTokens.map((t) => t.id),
      [bToken.id],
    );
    for (const filter of [
      `token:eq:${token.id}`,
      'tokenType:eq:passkey-append',
      'status:eq:initial',
    ]) {
      const filtered = okList(
        await b.client.list(`?${new URLSearchParams({ 'filter[]': filter })}`),
      );
      assert.ok(!filtered.connectTokens.some((t) => t.id === token.id), filter);
    }
    assert.equal(JSON.stringify((await tokenRows()).find((r) => r.id === token.id)), snapshot);
    const aList = okList(await a.client.list());
    assert.deepEqual(
      aList.connectTokens.map((t) => t.id),
      [token.id],
    );
  });

  test('the list sorts and filters by token, tokenType, status and expires, with paging', async () => {
    const { client } = await freshProject();
    const made: WireConnectToken[] = [];
    const specs = [
      { type: 'passkey-login', lifetime: 300 },
      { type: 'passkey-append', lifetime: 100 },
      { type: 'passkey-list', lifetime: 3600 },
      { type: 'passkey-delete', lifetime: 200 },
      { type: 'passkey-login', lifetime: 50 },
    ];
    for (const spec of specs) {
      server.clock.advance(1000);
      made.push(
        okToken(
          await client.create({
            type: spec.type,
            data: spec.type === 'passkey-append' ? appendData : { identifier: 'x' },
            maxLifetimeInSeconds: spec.lifetime,
          }),
        ),
      );
    }
    assertOk(await client.update(made[2]?.id ?? '', { status: 'consumed' }), 'genericRsp');
    async function listIds(query: string): Promise<string[]> {
      return okList(await client.list(query)).connectTokens.map((t) => t.id);
    }

    // Default: newest first.
    assert.deepEqual(await listIds(''), made.map((t) => t.id).reverse());
    const byId = [...made].sort((x, y) => (x.id < y.id ? -1 : 1)).map((t) => t.id);
    assert.deepEqual(await listIds('?sort=token:asc'), byId);
    assert.deepEqual(await listIds('?sort=token'), byId);
    assert.deepEqual(await listIds('?sort=token:desc'), [...byId].reverse());
    const byExpiry = [...made].sort((x, y) => x.expires - y.expires).map((t) => t.id);
    assert.deepEqual(await listIds('?sort=expires:asc'), byExpiry);
    assert.deepEqual(await listIds('?sort=expires:desc'), [...byExpiry].reverse());
    const types = okList(await client.list('?sort=tokenType:asc')).connectTokens.map(
      (t) => t.tokenType,
    );
    assert.deepEqual(types, [...types].sort());
    const statuses = okList(await client.list('?sort=status:desc')).connectTokens.map(
      (t) => t.connectTokenStatus,
    );
    assert.deepEqual(statuses, ['initial', 'initial', 'initial', 'initial', 'consumed']);

    const filter = (value: string) => `?${new URLSearchParams({ 'filter[]': value })}`;
    assert.deepEqual(await listIds(filter(`token:eq:${made[1]?.id}`)), [made[1]?.id]);
    assert.deepEqual(await listIds(filter(`token:eq:${made[1]?.id.slice(4)}`)), [made[1]?.id]);
    assert.deepEqual(
      (await listIds(filter('tokenType:eq:passkey-login'))).sort(),
      [made[0]?.id, made[4]?.id].sort(),
    );
    assert.deepEqual(await listIds(filter('status:eq:consumed')), [made[2]?.id]);
    assert.equal((await listIds(filter('status:eq:initial'))).length, 4);
    // expires as Unix seconds (the wire format) and as a date.
    const cut = made[3]?.expires ?? 0;
    assert.deepEqual(
      (await listIds(filter(`expires:gt:${cut}`))).sort(),
      made
        .filter((t) => t.expires > cut)
        .map((t) => t.id)
        .sort(),
    );
    assert.deepEqual(
      (await listIds(filter(`expires:lt:${cut}`))).sort(),
      made
        .filter((t) => t.expires < cut)
        .map((t) => t.id)
        .sort(),
    );
    assert.deepEqual(await listIds(filter(`expires:eq:${cut}`)), [made[3]?.id]);
    const cutDate = new Date(cut * 1000).toISOString().slice(0, 19);
    assert.deepEqual(await listIds(filter(`expires:eq:${cutDate}`)), [made[3]?.id]);
    assert.deepEqual(
      (await listIds(`${filter('tokenType:eq:passkey-login')}&filter[]=expires:gt:${cut}`)).sort(),
      [made[0]?.id],
    );

    const page1 = okList(await client.list('?sort=token:asc&pageSize=2&page=1'));
    const page3 = okList(await client.list('?sort=token:asc&pageSize=2&page=3'));
    assert.deepEqual(page1.paging, { page: 1, totalPages: 3, totalItems: 5 });
    assert.deepEqual(
      page1.connectTokens.map((t) => t.id),
      byId.slice(0, 2),
    );
    assert.deepEqual(
      page3.connectTokens.map((t) => t.id),
      byId.slice(4),
    );
    assert.deepEqual(okList(await client.list('?page=9')).connectTokens, []);
  });

  test('the list rejects unknown sort and filter fields, operators and values', async () => {
    const { client } = await freshProject();
    okToken(await client.create({ type: 'passkey-login', data: { identifier: 'a' } }));
    const bad: { query: string; field: string }[] = [
      { query: 'sort=created:desc', field: 'sort' },
      { query: 'sort=id:asc', field: 'sort' },
      { query: 'sort=secret:asc', field: 'sort' },
      { query: 'sort=token:up', field: 'sort' },
      { query: 'sort=expires:asc:x', field: 'sort' },
      { query: 'filter[]=secret:eq:ctk1_abc', field: 'filter[]' },
      { query: 'filter[]=id:eq:ctk-1', field: 'filter[]' },
      { query: 'filter[]=data:eq:a', field: 'filter[]' },
      { query: 'filter[]=token:eq:ctk1_abcdef', field: 'filter[]' },
      { query: 'filter[]=token:gt:ctk-1', field: 'filter[]' },
      { query: 'filter[]=tokenType:eq:passkey-update', field: 'filter[]' },
      { query: 'filter[]=tokenType:lt:passkey-login', field: 'filter[]' },
      { query: 'filter[]=status:eq:expired', field: 'filter[]' },
      { query: 'filter[]=expires:gt:soon', field: 'filter[]' },
      { query: 'filter[]=expires:gt:999999999999', field: 'filter[]' },
      { query: 'filter[]=expires:gt:99999999999999999999', field: 'filter[]' },
      { query: 'filter[]=expires:gt:-5', field: 'filter[]' },
      { query: 'filter[]=expires', field: 'filter[]' },
      { query: 'filter[]=status:like:initial', field: 'filter[]' },
      { query: 'page=0', field: 'page' },
      { query: 'pageSize=abc', field: 'pageSize' },
    ];
    for (const { query, field } of bad) {
      assertError(await client.list(`?${query}`), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: query,
      });
    }
    // pageSize is clamped, not refused.
    assert.equal(okList(await client.list('?pageSize=100000')).connectTokens.length, 1);
  });

  test('an expired token stays listed (with its past expires) until the janitor removes it', async () => {
    const { client } = await freshProject();
    const token = okToken(
      await client.create({
        type: 'passkey-login',
        data: { identifier: 'a' },
        maxLifetimeInSeconds: 5,
      }),
    );
    server.clock.advance(10_000);
    const list = okList(await client.list());
    assert.equal(list.connectTokens[0]?.id, token.id);
    assert.ok((list.connectTokens[0]?.expires ?? 0) < nowSeconds());
  });
});
