import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  tags?: string[];
};
type OpenApiDocument = {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
};

const httpMethods = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Corbado's API paths as `METHOD path` → operationId: the Backend API's relative to its /v2
 * server URL, the Frontend API's (which name /v2 themselves) from `frontend/spec_v2.yaml`.
 */
function corbadoOperations(
  file = 'backend/backend_api.yml',
  prefix = '',
): Map<string, string | undefined> {
  const document = parse(
    readFileSync(new URL(`../fixtures/corbado/${file}`, import.meta.url), 'utf8'),
  ) as OpenApiDocument;
  const operations = new Map<string, string | undefined>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of httpMethods) {
      const operation = item[method];
      if (operation) {
        operations.set(
          `${method.toUpperCase()} ${path.slice(prefix.length)}`,
          operation.operationId,
        );
      }
    }
  }
  return operations;
}

describeEachDatabase('Operations endpoints', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  test('GET /health answers 200 {status: ok} without auth', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assert.deepEqual(json(response), { status: 'ok' });
  });

  test('GET /openapi.json documents /v2/users behind basicAuth', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const document = json<OpenApiDocument>(response);
    assert.match(document.openapi, /^3\./);
    assert.deepEqual(document.servers, [{ url: 'http://localhost:8080' }]);
    assert.deepEqual(document.components?.securitySchemes?.basicAuth, {
      type: 'http',
      scheme: 'basic',
      description: 'The project ID as user name, an API secret as password',
    });

    const expected: Record<string, Record<string, string>> = {
      '/v2/users': { post: 'UserCreate', get: 'UserList' },
      '/v2/users/{userID}': { get: 'UserGet', patch: 'UserUpdate', delete: 'UserDelete' },
    };
    for (const [path, methods] of Object.entries(expected)) {
      const item = document.paths[path];
      assert.ok(item, `${path} is missing from the OpenAPI document`);
      for (const [method, operationId] of Object.entries(methods)) {
        const operation: Operation | undefined = item[method];
        assert.ok(operation, `${method} ${path} is missing`);
        assert.equal(operation.operationId, operationId);
        assert.deepEqual(operation.security, [{ basicAuth: [] }], `${method} ${path} security`);
      }
    }
    assert.equal(document.paths['/health']?.get?.security, undefined);
    assert.equal(document.paths['/openapi.json'], undefined);
  });

  test('every documented Backend API operation exists in the Corbado spec with the same ID', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    const document = json<OpenApiDocument>(response);
    const corbado = new Map([
      ...corbadoOperations(),
      ...corbadoOperations('frontend/spec_v2.yaml', '/v2'),
    ]);
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      if (!path.startsWith('/v2/')) continue;
      for (const method of httpMethods) {
        const operation = item[method];
        // Latchkey's own additions (the hosted pages' code handoff) say so in their tag.
        if (!operation || operation.tags?.includes('Latchkey extension')) continue;
        const key = `${method.toUpperCase()} ${path.slice('/v2'.length)}`;
        assert.ok(corbado.has(key), `${key} is not in the Corbado Backend API`);
        assert.equal(operation.operationId, corbado.get(key), key);
        checked++;
      }
    }
    assert.ok(checked >= 5);
  });

  test('GET /docs answers with the HTML docs page (or a redirect to it)', async () => {
    let response = await server.app.inject({ method: 'GET', url: '/docs' });
    if (response.statusCode >= 300 && response.statusCode < 400) {
      const location = String(response.headers.location);
      response = await server.app.inject({
        method: 'GET',
        url: new URL(location, 'http://localhost/docs').pathname,
      });
    }
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(response.body, /<html/i);
  });

  test('metrics count requests by route pattern, never by concrete ID', async () => {
    const headers = { authorization: server.authorization };
    const created = assertOk<{ userID: string }>(
      await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers,
        payload: { status: 'active' },
      }),
      'user',
    );
    const userId = created.userID;
    for (let i = 0; i < 3; i++) {
      assertOk(
        await server.app.inject({ method: 'GET', url: `/v2/users/${userId}`, headers }),
        'user',
      );
    }
    assertOk(
      await server.app.inject({
        method: 'PATCH',
        url: `/v2/users/${userId}`,
        headers,
        payload: { status: 'disabled' },
      }),
      'user',
    );
    assertOk(
      await server.app.inject({ method: 'DELETE', url: `/v2/users/${userId}`, headers }),
      'genericRsp',
    );
    assertError(await server.app.inject({ method: 'GET', url: `/v2/users/${userId}`, headers }), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(
      await server.app.inject({ method: 'GET', url: '/v2/users/usr-5555555555555555555' }),
      { status: 401, code: 'AUTH_MISSING' },
    );
    assertError(await server.app.inject({ method: 'GET', url: '/no/such/route-7777' }), {
      status: 404,
      code: 'ROUTE_NOT_FOUND',
    });
    assertOk(await server.app.inject({ method: 'GET', url: '/v2/users', headers }), 'userList');

    const text = await server.metrics.registry.metrics();
    const counter = (labels: string) => {
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`latchkey_http_requests_total{${labels}}`));
      return line === undefined ? undefined : Number(line.split(' ').at(-1));
    };
    assert.match(text, /^# TYPE latchkey_http_requests_total counter$/m);
    assert.equal(counter('method="GET",route="/v2/users/:userID",status="200"'), 3);
    assert.equal(counter('method="GET",route="/v2/users/:userID",status="404"'), 1);
    assert.equal(counter('method="GET",route="/v2/users/:userID",status="401"'), 1);
    assert.equal(counter('method="PATCH",route="/v2/users/:userID",status="200"'), 1);
    assert.equal(counter('method="DELETE",route="/v2/users/:userID",status="200"'), 1);
    assert.equal(counter('method="POST",route="/v2/users",status="200"'), 1);
    assert.equal(counter('method="GET",route="/v2/users",status="200"'), 1);
    assert.match(
      text,
      /latchkey_http_request_duration_seconds_bucket\{[^}]*route="\/v2\/users\/:userID"/,
    );
    // No concrete IDs or raw URLs become label values.
    assert.doesNotMatch(text, /usr-\d/);
    assert.doesNotMatch(text, /\{[^}]*\d{19}[^}]*\}/);
    assert.doesNotMatch(text, /route-7777|\/no\/such/);
  });
});

describeEachDatabase('Health when the database is gone', (kind) => {
  test('GET /health answers 503 NOT_READY in the envelope', async () => {
    const server = await createTestServer(kind);
    try {
      await server.database.handle.close();
      const response = await server.app.inject({ method: 'GET', url: '/health' });
      assertError(response, { status: 503, code: 'NOT_READY' });
    } finally {
      await server.close();
    }
  });
});
