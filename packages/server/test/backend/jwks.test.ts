import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ensureSigningKey } from '../../src/core/keys/ensure-signing-key.js';
import { assertError } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

describeEachDatabase('JWKS', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => server.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers });

  test('the only project: its session keys at both paths, cacheable, without private parts', async () => {
    const passkeyDataKey = await ensureSigningKey(server.passkeys, {
      projectId: server.project.id,
      purpose: 'passkey-data',
    });
    for (const url of ['/.well-known/jwks', '/.well-known/jwks.json']) {
      const response = await get(url);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['cache-control']), /public, max-age=\d+/);
      const { keys } = json<{ keys: Record<string, string>[] }>(response);
      assert.equal(keys.length, 1);
      const [key] = keys;
      assert.equal(key?.kty, 'RSA');
      assert.equal(key?.alg, 'RS256');
      assert.equal(key?.use, 'sig');
      assert.match(String(key?.kid), /^pki-\d{19}$/);
      assert.ok(key?.n && key.e);
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
        assert.equal(key?.[member], undefined);
      // The passkey-data key is never published here.
      assert.notEqual(key?.kid, passkeyDataKey.id);
    }
  });

  test('several projects: chosen by X-Corbado-ProjectID or a pro-… subdomain, else 404', async () => {
    const other = await server.createProject('Second');
    assertError(await get('/.well-known/jwks'), { status: 404, code: 'PROJECT_NOT_FOUND' });
    const byHeader = json<{ keys: { kid: string }[] }>(
      await get('/.well-known/jwks', { 'x-corbado-projectid': other.project.id }),
    );
    const bySubdomain = json<{ keys: { kid: string }[] }>(
      await get('/.well-known/jwks', { host: `${other.project.id}.auth.example.com` }),
    );
    assert.deepEqual(byHeader, bySubdomain);
    const first = json<{ keys: { kid: string }[] }>(
      await get('/.well-known/jwks', { 'x-corbado-projectid': server.project.id }),
    );
    assert.notEqual(first.keys[0]?.kid, byHeader.keys[0]?.kid);
    assertError(
      await get('/.well-known/jwks', { 'x-corbado-projectid': 'pro-1234567890123456789' }),
      {
        status: 404,
        code: 'PROJECT_NOT_FOUND',
      },
    );
    assertError(await get('/.well-known/jwks', { 'x-corbado-projectid': 'garbage' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'X-Corbado-ProjectID',
    });
  });
});
