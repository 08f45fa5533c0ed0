import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApiSecret } from '../../src/core/secrets/create-api-secret.js';
import { listApiSecrets } from '../../src/core/secrets/list-api-secrets.js';
import { revokeApiSecret } from '../../src/core/secrets/revoke-api-secret.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { basicAuth, createTestServer, type TestServer } from '../support/test-server.js';

const authFailureLimit = 20;
const windowMs = 5 * 60_000;

describeEachDatabase('Backend API Basic auth', (kind) => {
  let server: TestServer;
  // Each test sends from its own address, so failed attempts of one test never count
  // against another test's budget.
  let nextAddress = 1;
  const freshAddress = () => `10.1.0.${nextAddress++}`;

  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  const listUsers = (authorization: string | undefined, remoteAddress = freshAddress()) =>
    server.app.inject({
      method: 'GET',
      url: '/v2/users',
      remoteAddress,
      ...(authorization !== undefined && { headers: { authorization } }),
    });

  test('a request without Authorization is 401 AUTH_MISSING with a Basic challenge', async () => {
    const response = await listUsers(undefined);
    assertError(response, { status: 401, code: 'AUTH_MISSING', type: 'unauthorized' });
    assert.match(String(response.headers['www-authenticate']), /^Basic realm="[^"]+"/);
  });

  test('every Backend API route requires auth', async () => {
    const routes = [
      { method: 'POST', url: '/v2/users', payload: { status: 'active' } },
      { method: 'GET', url: '/v2/users' },
      { method: 'GET', url: '/v2/users/usr-1234567890123456789' },
      { method: 'PATCH', url: '/v2/users/usr-1234567890123456789', payload: { status: 'active' } },
      { method: 'DELETE', url: '/v2/users/usr-1234567890123456789' },
    ] as const;
    for (const route of routes) {
      const response = await server.app.inject({ ...route, remoteAddress: freshAddress() });
      assertError(response, { status: 401, code: 'AUTH_MISSING' });
    }
  });

  test('a non-Basic scheme is 401 AUTH_INVALID', async () => {
    const response = await listUsers(`Bearer ${server.apiSecret}`);
    assertError(response, { status: 401, code: 'AUTH_INVALID', type: 'unauthorized' });
    assert.match(String(response.headers['www-authenticate']), /^Basic /);
  });

  test('Basic with a value that is not base64 is 401 AUTH_INVALID', async () => {
    for (const value of ['Basic !!!not-base64!!!', 'Basic ', 'Basic', 'Basic a b c']) {
      assertError(await listUsers(value), { status: 401, code: 'AUTH_INVALID' });
    }
  });

  test('Basic credentials without a colon are 401 AUTH_INVALID', async () => {
    const noColon = `Basic ${Buffer.from(`${server.project.id}${server.apiSecret}`).toString('base64')}`;
    assertError(await listUsers(noColon), { status: 401, code: 'AUTH_INVALID' });
    const emptyUser = `Basic ${Buffer.from(`:${server.apiSecret}`).toString('base64')}`;
    assertError(await listUsers(emptyUser), { status: 401, code: 'AUTH_INVALID' });
  });

  test('an unknown or malformed project ID is 401 AUTH_INVALID', async () => {
    for (const projectId of ['pro-1234567890123456789', 'pro-abc', 'usr-1', "pro-1' or '1'='1"]) {
      const response = await listUsers(basicAuth(projectId, server.apiSecret));
      assertError(response, { status: 401, code: 'AUTH_INVALID' });
    }
  });

  test('a wrong secret is 401 AUTH_INVALID', async () => {
    const wrong = `${server.apiSecret.slice(0, -1)}${server.apiSecret.endsWith('A') ? 'B' : 'A'}`;
    for (const secret of [wrong, '', 'corbado1_', `${server.apiSecret}x`, 'x'.repeat(600)]) {
      const response = await listUsers(basicAuth(server.project.id, secret));
      assertError(response, { status: 401, code: 'AUTH_INVALID' });
    }
  });

  test("project A's secret does not open project B", async () => {
    const other = await server.createProject('Project B');
    const response = await listUsers(basicAuth(other.project.id, server.apiSecret));
    assertError(response, { status: 401, code: 'AUTH_INVALID' });
    const reverse = await listUsers(basicAuth(server.project.id, other.apiSecret));
    assertError(reverse, { status: 401, code: 'AUTH_INVALID' });
    assertOk(await listUsers(other.authorization), 'userList');
  });

  test('a revoked secret stops working at once; other secrets keep working', async () => {
    const secret = await createApiSecret(server.deps, server.project.id);
    const authorization = basicAuth(server.project.id, secret.apiSecret);
    assertOk(await listUsers(authorization), 'userList');
    await revokeApiSecret(server.deps, secret.id);
    assertError(await listUsers(authorization), { status: 401, code: 'AUTH_INVALID' });
    assertOk(await listUsers(server.authorization), 'userList');
  });

  test('a valid secret answers 200 and its last use is recorded', async () => {
    const secret = await createApiSecret(server.deps, server.project.id);
    const authorization = basicAuth(server.project.id, secret.apiSecret);
    const lastUsed = async () =>
      (await listApiSecrets(server.deps, server.project.id)).find((s) => s.id === secret.id)
        ?.lastUsedAt;
    assert.equal(await lastUsed(), null);

    const firstUse = server.clock.now();
    assertOk(await listUsers(authorization), 'userList');
    assert.equal(await lastUsed(), firstUse);

    // Written at most once a minute per secret, then moves on.
    server.clock.advance(30_000);
    assertOk(await listUsers(authorization), 'userList');
    assert.equal(await lastUsed(), firstUse);
    server.clock.advance(31_000);
    assertOk(await listUsers(authorization), 'userList');
    assert.equal(await lastUsed(), server.clock.now());
  });

  test('the scheme name is case-insensitive (RFC 9110 §11.1)', async () => {
    const lower = server.authorization.replace(/^Basic/, 'basic');
    assertOk(await listUsers(lower), 'userList');
  });

  test('failed attempts do not record a last use', async () => {
    const secret = await createApiSecret(server.deps, server.project.id);
    await listUsers(basicAuth(server.project.id, `${secret.apiSecret}x`));
    const summary = (await listApiSecrets(server.deps, server.project.id)).find(
      (s) => s.id === secret.id,
    );
    assert.equal(summary?.lastUsedAt, null);
  });
});

describeEachDatabase('Backend API auth rate limit', (kind) => {
  let server: TestServer;
  before(async () => {
    // Trusts X-Forwarded-For, as behind a proxy configured with LATCHKEY_TRUST_PROXY.
    server = await createTestServer(kind, { trustProxy: true });
  });
  after(async () => {
    await server.close();
  });

  const wrongAuthorization = () => basicAuth(server.project.id, `${server.apiSecret}x`);
  const listFrom = (address: string, authorization: string) =>
    server.app.inject({
      method: 'GET',
      url: '/v2/users',
      headers: { authorization, 'x-forwarded-for': address },
    });

  test('after 20 failures an address gets 429 even with the right secret, until the window ends', async () => {
    const address = '203.0.113.7';
    for (let i = 0; i < authFailureLimit; i++) {
      assertError(await listFrom(address, wrongAuthorization()), {
        status: 401,
        code: 'AUTH_INVALID',
      });
    }
    const limited = await listFrom(address, server.authorization);
    assertError(limited, { status: 429, code: 'RATE_LIMITED', type: 'rate_limited' });
    assert.equal(limited.headers['retry-after'], String(windowMs / 1000));

    // Still limited just before the window ends, with a shorter wait.
    server.clock.advance(windowMs - 1000);
    const later = await listFrom(address, server.authorization);
    assertError(later, { status: 429, code: 'RATE_LIMITED' });
    assert.equal(later.headers['retry-after'], '1');

    // Another address is not affected.
    assertOk(await listFrom('203.0.113.8', server.authorization), 'userList');

    server.clock.advance(1001);
    assertOk(await listFrom(address, server.authorization), 'userList');
  });

  test('a missing Authorization header does not count as a failed attempt', async () => {
    const address = '203.0.113.20';
    for (let i = 0; i < authFailureLimit + 5; i++) {
      const response = await server.app.inject({
        method: 'GET',
        url: '/v2/users',
        headers: { 'x-forwarded-for': address },
      });
      assertError(response, { status: 401, code: 'AUTH_MISSING' });
    }
    assertOk(await listFrom(address, server.authorization), 'userList');
  });

  test('the 20th failure is still answered 401, the 21st attempt 429', async () => {
    const address = '203.0.113.30';
    for (let i = 0; i < authFailureLimit - 1; i++) {
      await listFrom(address, wrongAuthorization());
    }
    assertError(await listFrom(address, wrongAuthorization()), {
      status: 401,
      code: 'AUTH_INVALID',
    });
    assertError(await listFrom(address, wrongAuthorization()), {
      status: 429,
      code: 'RATE_LIMITED',
    });
  });

  // Failures are counted and checked in one atomic step, so of a concurrent burst only the
  // first `limit` failures are answered 401 and the rest 429.
  test('a burst of concurrent failures cannot get past the budget', async () => {
    const address = '203.0.113.40';
    const responses = await Promise.all(
      Array.from({ length: authFailureLimit * 2 }, () => listFrom(address, wrongAuthorization())),
    );
    const statuses = responses.map((response) => response.statusCode);
    assert.deepEqual([...new Set(statuses)].sort(), [401, 429], `statuses: ${statuses.join(',')}`);
    const checked = statuses.filter((status) => status === 401).length;
    assert.ok(
      checked <= authFailureLimit,
      `${checked} failures answered 401 for one address, the budget is ${authFailureLimit}`,
    );
  });
});

describeEachDatabase('Backend API auth rate limit without a trusted proxy', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  test('X-Forwarded-For is ignored, so it cannot be used to dodge the limit', async () => {
    for (let i = 0; i < authFailureLimit; i++) {
      const response = await server.app.inject({
        method: 'GET',
        url: '/v2/users',
        remoteAddress: '198.51.100.1',
        headers: {
          authorization: basicAuth(server.project.id, 'corbado1_wrong'),
          'x-forwarded-for': `192.0.2.${i}`,
        },
      });
      assertError(response, { status: 401, code: 'AUTH_INVALID' });
    }
    const spoofed = await server.app.inject({
      method: 'GET',
      url: '/v2/users',
      remoteAddress: '198.51.100.1',
      headers: { authorization: server.authorization, 'x-forwarded-for': '192.0.2.200' },
    });
    assertError(spoofed, { status: 429, code: 'RATE_LIMITED' });
    assert.match(String(spoofed.headers['retry-after']), /^\d+$/);

    const otherClient = await server.app.inject({
      method: 'GET',
      url: '/v2/users',
      remoteAddress: '198.51.100.2',
      headers: { authorization: server.authorization },
    });
    assertOk(otherClient, 'userList');
  });

  test('a rate-limited client still gets 429 on every Backend API route', async () => {
    const address = '198.51.100.50';
    for (let i = 0; i < authFailureLimit; i++) {
      await server.app.inject({
        method: 'GET',
        url: '/v2/users',
        remoteAddress: address,
        headers: { authorization: 'Basic Zm9vOmJhcg==' },
      });
    }
    const routes = [
      { method: 'POST', url: '/v2/users', payload: { status: 'active' } },
      { method: 'GET', url: '/v2/users/usr-1234567890123456789' },
      { method: 'DELETE', url: '/v2/users/usr-1234567890123456789' },
    ] as const;
    for (const route of routes) {
      const response = await server.app.inject({
        ...route,
        remoteAddress: address,
        headers: { authorization: server.authorization },
      });
      assertError(response, { status: 429, code: 'RATE_LIMITED' });
      assert.ok(Number(response.headers['retry-after']) > 0);
    }
  });
});
