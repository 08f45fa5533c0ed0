import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createProject } from '../../src/core/projects/create-project.js';
import { updateProject } from '../../src/core/projects/update-project.js';
import { assertError } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

const androidOrigin = `android:apk-key-hash:${createHash('sha256').update('app cert').digest('base64url')}`;

function assertOrigins(response: LightMyRequestResponse, origins: string[]): void {
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.equal(response.headers['cache-control'], 'public, max-age=300');
  assert.deepEqual(json(response), { origins });
}

describeEachDatabase('GET /.well-known/webauthn', (kind) => {
  let server: TestServer;
  const get = (host: string, extra: Record<string, string> = {}) =>
    server.app.inject({
      method: 'GET',
      url: '/.well-known/webauthn',
      headers: { host, ...extra },
    });

  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  // The tests build on each other: one project first, then several.
  test('with one project it serves that project on any host, without auth', async () => {
    assertOrigins(await get('localhost:8080'), ['http://localhost:8080']);
    assertOrigins(await get('auth.elsewhere.example'), ['http://localhost:8080']);
  });

  test('lists the web origins and the related origins, deduplicated, app origins left out', async () => {
    await updateProject(server.deps, server.project.id, {
      origins: ['http://localhost:8080', androidOrigin, 'http://login.localhost:8080'],
      webauthn: {
        relatedOrigins: [
          'https://shop.example.de',
          'http://localhost:8080',
          'https://shop.example.fr',
        ],
      },
    });
    assertOrigins(await get('localhost'), [
      'http://localhost:8080',
      'http://login.localhost:8080',
      'https://shop.example.de',
      'https://shop.example.fr',
    ]);
  });

  test('with several projects the Host names the RP ID', async () => {
    const shop = await createProject(server.deps, {
      name: 'Shop',
      origins: ['https://shop.example', 'https://www.shop.example', 'https://shop.example.de'],
      rpId: 'shop.example',
      webauthn: { relatedOrigins: ['https://shop.example.de'] },
    });
    assert.equal(shop.rpId, 'shop.example');
    const shopOrigins = [
      'https://shop.example',
      'https://www.shop.example',
      'https://shop.example.de',
    ];
    assertOrigins(await get('shop.example'), shopOrigins);
    // The port, case and a trailing dot do not change the host's name.
    assertOrigins(await get('SHOP.Example:443'), shopOrigins);
    assertOrigins(await get('shop.example.'), shopOrigins);
    assertOrigins(await get('localhost'), [
      'http://localhost:8080',
      'http://login.localhost:8080',
      'https://shop.example.de',
      'https://shop.example.fr',
    ]);
  });

  test('a host that is no project RP ID is a 404 in the error envelope', async () => {
    for (const host of ['www.shop.example', 'example', 'auth.elsewhere.example']) {
      assertError(await get(host), { status: 404, code: 'PROJECT_NOT_FOUND', label: host });
    }
  });

  test('projects sharing an RP ID publish the origins of all of them', async () => {
    // Oldest project first: the clock is fixed, so move it on to order them.
    server.clock.advance(1000);
    await createProject(server.deps, {
      name: 'Shop admin',
      origins: ['https://admin.shop.example', 'https://shop.example'],
      rpId: 'shop.example',
      webauthn: { relatedOrigins: ['https://shop-admin.example'] },
    });
    assertOrigins(await get('shop.example'), [
      'https://shop.example',
      'https://www.shop.example',
      'https://shop.example.de',
      'https://admin.shop.example',
      'https://shop-admin.example',
    ]);
  });

  test('behind a trusted proxy the forwarded host counts', async () => {
    const proxied = await createTestServer(kind, { trustProxy: true });
    try {
      await createProject(proxied.deps, {
        name: 'Shop',
        origins: ['https://shop.example'],
      });
      const response = await proxied.app.inject({
        method: 'GET',
        url: '/.well-known/webauthn',
        headers: { host: 'latchkey.internal:8080', 'x-forwarded-host': 'shop.example' },
      });
      assertOrigins(response, ['https://shop.example']);
    } finally {
      await proxied.close();
    }
  });

  test('other methods are 405 with Allow; HEAD answers like GET without a body', async () => {
    const post = await server.app.inject({
      method: 'POST',
      url: '/.well-known/webauthn',
      headers: { host: 'shop.example' },
      payload: {},
    });
    const envelope = assertError(post, { status: 405, code: 'METHOD_NOT_ALLOWED' });
    assert.ok(envelope);
    assert.match(String(post.headers.allow), /GET/);
    const head = await server.app.inject({
      method: 'HEAD',
      url: '/.well-known/webauthn',
      headers: { host: 'shop.example' },
    });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
  });
});
