import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { assertMatchesSpec } from '../support/spec-schemas.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

interface WireWebhookEndpoint {
  id: string;
  url: string;
  basicAuthUsername: string;
  basicAuthPassword: string;
  customHeaders: Record<string, string>;
  subscribedEvents: string[];
  created: string;
  createdMs: number;
  updated: string;
  updatedMs: number;
}

interface CreatedEndpoint extends WireWebhookEndpoint {
  signingSecret: string;
}

const mask = '********';
const timestampFormat = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const validBody = () => ({
  url: 'https://hooks.example.com/latchkey',
  subscribedEvents: ['user.created', 'user.deleted'],
  customHeaders: { 'X-Api-Key': 'k-123' },
});

describeEachDatabase('Backend API webhook endpoints', (kind) => {
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
        url: '/v2/webhookEndpoints',
        headers: { authorization, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      }),
    list: () =>
      server.app.inject({
        method: 'GET',
        url: '/v2/webhookEndpoints',
        headers: { authorization },
      }),
    update: (id: string, payload: unknown) =>
      server.app.inject({
        method: 'PUT',
        url: `/v2/webhookEndpoints/${id}`,
        headers: { authorization, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      }),
    remove: (id: string) =>
      server.app.inject({
        method: 'DELETE',
        url: `/v2/webhookEndpoints/${id}`,
        headers: { authorization },
      }),
  });
  const api = () => as(server.authorization);

  /** The create response: `webhookEndpoint` plus only `signingSecret`. */
  const assertCreated = (response: Awaited<ReturnType<ReturnType<typeof api>['create']>>) => {
    assert.equal(response.statusCode, 200, response.body);
    const body = json<CreatedEndpoint>(response);
    assertMatchesSpec('webhookEndpoint', body, { allowAdditionalProperties: true });
    const { signingSecret, ...endpoint } = body;
    assertMatchesSpec('webhookEndpoint', endpoint);
    assert.match(signingSecret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(signingSecret.slice(6), 'base64').length, 32);
    return body;
  };

  const listed = async (authorization = server.authorization) =>
    assertOk<{ webhookEndpoints: WireWebhookEndpoint[] }>(
      await as(authorization).list(),
      'webhookEndpointList',
    ).webhookEndpoints;

  const storedRow = (id: string) =>
    server.deps.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();

  test('creates, lists, updates and deletes an endpoint', async () => {
    const created = assertCreated(
      await api().create({
        ...validBody(),
        basicAuthUsername: 'hook-user',
        basicAuthPassword: 'hook-pass',
      }),
    );
    assert.match(created.id, /^whe-\d{19}$/);
    assert.equal(created.url, 'https://hooks.example.com/latchkey');
    assert.equal(created.basicAuthUsername, 'hook-user');
    assert.equal(created.basicAuthPassword, mask, 'the password is never echoed');
    assert.deepEqual(created.customHeaders, { 'X-Api-Key': 'k-123' });
    assert.deepEqual(created.subscribedEvents, ['user.created', 'user.deleted']);
    assert.match(created.created, timestampFormat);
    assert.equal(created.createdMs, server.clock.now());
    assert.equal(created.updatedMs, server.clock.now());
    const row = await storedRow(created.id);
    assert.equal(row?.basic_auth_password, 'hook-pass');
    assert.equal(row?.signing_secret, created.signingSecret);

    const { signingSecret: _secret, ...withoutSecret } = created;
    const list = await listed();
    assert.deepEqual(
      list.find((endpoint) => endpoint.id === created.id),
      withoutSecret,
    );
    assert.ok(!JSON.stringify(list).includes('whsec_'), 'the list never shows a secret');
    assert.ok(!JSON.stringify(list).includes('hook-pass'), 'the list never shows a password');

    server.clock.advance(1000);
    const updated = assertOk<WireWebhookEndpoint>(
      await api().update(created.id, {
        url: 'http://127.0.0.1:9999/other',
        subscribedEvents: ['user.updated'],
        customHeaders: {},
      }),
      'webhookEndpoint',
    );
    assert.equal(updated.url, 'http://127.0.0.1:9999/other');
    assert.deepEqual(updated.subscribedEvents, ['user.updated']);
    assert.deepEqual(updated.customHeaders, {});
    assert.equal(updated.basicAuthUsername, 'hook-user', 'fields not given are kept');
    assert.equal(updated.basicAuthPassword, mask);
    assert.equal(updated.createdMs, created.createdMs);
    assert.equal(updated.updatedMs, created.createdMs + 1000);
    assert.equal((await storedRow(created.id))?.signing_secret, created.signingSecret);

    // Sending back what was read (the mask) keeps the password.
    assertOk(await api().update(created.id, { ...updated }), 'webhookEndpoint');
    assert.equal((await storedRow(created.id))?.basic_auth_password, 'hook-pass');
    // A new password replaces it; an empty one removes it.
    assertOk(await api().update(created.id, { basicAuthPassword: 'new-pass' }), 'webhookEndpoint');
    assert.equal((await storedRow(created.id))?.basic_auth_password, 'new-pass');
    const cleared = assertOk<WireWebhookEndpoint>(
      await api().update(created.id, { basicAuthUsername: '', basicAuthPassword: '' }),
      'webhookEndpoint',
    );
    assert.equal(cleared.basicAuthUsername, '');
    assert.equal(cleared.basicAuthPassword, '');

    assertOk(await api().remove(created.id), 'genericRsp');
    assert.equal(
      (await listed()).some((endpoint) => endpoint.id === created.id),
      false,
    );
    assertError(await api().remove(created.id), {
      status: 404,
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
    assertError(await api().update(created.id, { url: 'https://a.example' }), {
      status: 404,
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
  });

  test('an endpoint without Basic auth shows empty strings; secrets differ per endpoint', async () => {
    const first = assertCreated(await api().create(validBody()));
    const second = assertCreated(await api().create(validBody()));
    assert.equal(first.basicAuthUsername, '');
    assert.equal(first.basicAuthPassword, '');
    assert.notEqual(first.signingSecret, second.signingSecret);
    // The same URL twice is allowed: two endpoints may want different events or headers.
    assert.equal(first.url, second.url);
    assert.notEqual(first.id, second.id);
    // IDs are accepted without their prefix.
    assertOk(await api().remove(first.id.slice(4)), 'genericRsp');
    assertOk(await api().remove(second.id), 'genericRsp');
  });

  test('the list is oldest first and shows every endpoint of the project', async () => {
    const before = (await listed()).length;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      server.clock.advance(1000);
      ids.push(assertCreated(await api().create(validBody())).id);
    }
    const list = await listed();
    assert.equal(list.length, before + 3);
    assert.deepEqual(
      list.slice(-3).map((endpoint) => endpoint.id),
      ids,
    );
    for (const id of ids) assertOk(await api().remove(id), 'genericRsp');
  });

  test('accepts every event type of the spec', async () => {
    const all = [
      'passkey-login.completed',
      'passkey.created',
      'passkey.deleted',
      'user.created',
      'user.updated',
      'user.deleted',
    ];
    const created = assertCreated(await api().create({ ...validBody(), subscribedEvents: all }));
    assert.deepEqual(created.subscribedEvents, all);
    assertOk(await api().remove(created.id), 'genericRsp');
  });

  const badCreates: { label: string; body: unknown; field: string }[] = [
    { label: 'missing url', body: { ...validBody(), url: undefined }, field: 'url' },
    {
      label: 'missing subscribedEvents',
      body: { ...validBody(), subscribedEvents: undefined },
      field: 'subscribedEvents',
    },
    {
      label: 'missing customHeaders',
      body: { ...validBody(), customHeaders: undefined },
      field: 'customHeaders',
    },
    { label: 'url not a string', body: { ...validBody(), url: { a: 1 } }, field: 'url' },
    { label: 'url a number', body: { ...validBody(), url: 5 }, field: 'url' },
    { label: 'empty url', body: { ...validBody(), url: '' }, field: 'url' },
    { label: 'relative url', body: { ...validBody(), url: '/hooks' }, field: 'url' },
    { label: 'ftp url', body: { ...validBody(), url: 'ftp://example.com/x' }, field: 'url' },
    { label: 'javascript url', body: { ...validBody(), url: 'javascript:alert(1)' }, field: 'url' },
    {
      label: 'credentials in url',
      body: { ...validBody(), url: 'https://user:pw@example.com/x' },
      field: 'url',
    },
    {
      label: 'user in url',
      body: { ...validBody(), url: 'https://user@example.com/x' },
      field: 'url',
    },
    {
      label: 'whitespace in url',
      body: { ...validBody(), url: 'https://example.com/a b' },
      field: 'url',
    },
    {
      label: 'newline in url',
      body: { ...validBody(), url: 'https://example.com/\r\nx' },
      field: 'url',
    },
    {
      label: 'url over 2048',
      body: { ...validBody(), url: `https://example.com/${'a'.repeat(2030)}` },
      field: 'url',
    },
    {
      label: 'subscribedEvents not a list',
      body: { ...validBody(), subscribedEvents: { a: 1 } },
      field: 'subscribedEvents',
    },
    {
      label: 'empty subscribedEvents',
      body: { ...validBody(), subscribedEvents: [] },
      field: 'subscribedEvents',
    },
    {
      label: 'unknown event type',
      body: { ...validBody(), subscribedEvents: ['user.exploded'] },
      field: 'subscribedEvents.0',
    },
    {
      label: 'duplicate event type',
      body: { ...validBody(), subscribedEvents: ['user.created', 'user.created'] },
      field: 'subscribedEvents',
    },
    {
      label: 'customHeaders a string',
      body: { ...validBody(), customHeaders: 'X-A: 1' },
      field: 'customHeaders',
    },
    {
      label: 'customHeaders a list',
      body: { ...validBody(), customHeaders: ['X-A'] },
      field: 'customHeaders',
    },
    {
      label: 'header value an object',
      body: { ...validBody(), customHeaders: { 'X-A': { b: 1 } } },
      field: 'customHeaders.X-A',
    },
    {
      label: 'header name with a space',
      body: { ...validBody(), customHeaders: { 'X A': '1' } },
      field: 'customHeaders',
    },
    {
      label: 'header name with a colon',
      body: { ...validBody(), customHeaders: { 'X:A': '1' } },
      field: 'customHeaders',
    },
    {
      label: 'empty header name',
      body: { ...validBody(), customHeaders: { '': '1' } },
      field: 'customHeaders',
    },
    {
      label: 'header name over 128',
      body: { ...validBody(), customHeaders: { [`X-${'a'.repeat(127)}`]: '1' } },
      field: 'customHeaders',
    },
    {
      label: 'CRLF in a header value',
      body: { ...validBody(), customHeaders: { 'X-A': 'a\r\nX-Injected: 1' } },
      field: 'customHeaders',
    },
    {
      label: 'LF in a header value',
      body: { ...validBody(), customHeaders: { 'X-A': 'a\nb' } },
      field: 'customHeaders',
    },
    {
      label: 'non-ASCII header value',
      body: { ...validBody(), customHeaders: { 'X-A': 'grüße' } },
      field: 'customHeaders',
    },
    {
      label: 'header value over 1024',
      body: { ...validBody(), customHeaders: { 'X-A': 'a'.repeat(1025) } },
      field: 'customHeaders.X-A',
    },
    {
      label: 'more than 20 headers',
      body: {
        ...validBody(),
        customHeaders: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v'])),
      },
      field: 'customHeaders',
    },
    {
      label: 'the same header twice in different case',
      body: { ...validBody(), customHeaders: { 'X-A': '1', 'x-a': '2' } },
      field: 'customHeaders',
    },
    ...[
      'Host',
      'content-length',
      'Content-Type',
      'Authorization',
      'Transfer-Encoding',
      'Connection',
      'webhook-id',
      'Webhook-Signature',
      'webhook-timestamp',
      'webhook-anything',
    ].map((name) => ({
      label: `reserved header ${name}`,
      body: { ...validBody(), customHeaders: { [name]: 'x' } },
      field: 'customHeaders',
    })),
    {
      label: 'username not a string',
      body: { ...validBody(), basicAuthUsername: { a: 1 } },
      field: 'basicAuthUsername',
    },
    {
      label: 'username over 256',
      body: { ...validBody(), basicAuthUsername: 'u'.repeat(257) },
      field: 'basicAuthUsername',
    },
    {
      label: 'username with a colon',
      body: { ...validBody(), basicAuthUsername: 'a:b' },
      field: 'basicAuthUsername',
    },
    {
      label: 'username with a control character',
      body: { ...validBody(), basicAuthUsername: 'a\u0000b' },
      field: 'basicAuthUsername',
    },
    {
      label: 'password over 256',
      body: { ...validBody(), basicAuthUsername: 'u', basicAuthPassword: 'p'.repeat(257) },
      field: 'basicAuthPassword',
    },
    {
      label: 'password with a newline',
      body: { ...validBody(), basicAuthUsername: 'u', basicAuthPassword: 'a\nb' },
      field: 'basicAuthPassword',
    },
    {
      label: 'password without a username',
      body: { ...validBody(), basicAuthPassword: 'p' },
      field: 'basicAuthUsername',
    },
    {
      label: 'the mask as a password',
      body: { ...validBody(), basicAuthUsername: 'u', basicAuthPassword: mask },
      field: 'basicAuthPassword',
    },
  ];

  test('rejects bad create bodies naming the field, and writes nothing', async () => {
    const before = await listed();
    for (const { label, body, field } of badCreates) {
      assertError(await api().create(body), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label,
      });
    }
    assertError(
      await server.app.inject({
        method: 'POST',
        url: '/v2/webhookEndpoints',
        headers: { authorization: server.authorization, 'content-type': 'application/json' },
        payload: '{"url": ',
      }),
      { status: 400, code: 'MALFORMED_BODY' },
    );
    assert.deepEqual(await listed(), before);
    const rows = await server.deps.db
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('project_id', '=', server.project.id)
      .execute();
    assert.equal(rows.length, before.length);
  });

  test('rejects bad updates naming the field, and changes nothing', async () => {
    const created = assertCreated(
      await api().create({ ...validBody(), basicAuthUsername: 'u', basicAuthPassword: 'p' }),
    );
    const stored = await storedRow(created.id);
    const badUpdates = badCreates.filter(
      (bad) =>
        !bad.label.startsWith('missing') &&
        bad.label !== 'password without a username' &&
        bad.label !== 'the mask as a password',
    );
    for (const { label, body, field } of badUpdates) {
      const only = Object.fromEntries(
        Object.entries(body as Record<string, unknown>).filter(
          ([key, value]) => (validBody() as Record<string, unknown>)[key] !== value,
        ),
      );
      assertError(await api().update(created.id, only), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label,
      });
    }
    // Removing the user name while a password stays is refused and rolled back.
    assertError(await api().update(created.id, { basicAuthUsername: '' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'basicAuthUsername',
    });
    assertError(await api().update('abc', { url: 'https://a.example' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'webhookEndpointID',
    });
    assertError(await api().update('usr-1234567890123456789', { url: 'https://a.example' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'webhookEndpointID',
    });
    assertError(await api().update('whe-1234567890123456789', { url: 'https://a.example' }), {
      status: 404,
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
    assertError(await api().update(`whe-${'1'.repeat(70)}`, { url: 'https://a.example' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    assert.deepEqual(await storedRow(created.id), stored);
    assertOk(await api().remove(created.id), 'genericRsp');
  });

  test('rejects malformed and unknown IDs on delete', async () => {
    assertError(await api().remove('abc'), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'webhookEndpointID',
    });
    assertError(await api().remove('whe-1234567890123456789'), {
      status: 404,
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
  });

  test("another project's endpoints are invisible and untouchable", async () => {
    const other = await server.createProject('Other project');
    const theirs = assertCreated(await as(other.authorization).create(validBody()));
    const stored = await storedRow(theirs.id);
    assert.equal(
      (await listed()).some((endpoint) => endpoint.id === theirs.id),
      false,
    );
    assertError(await api().update(theirs.id, { url: 'https://evil.example/' }), {
      status: 404,
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
    assertError(await api().remove(theirs.id), {
      status: 404,
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
    assert.deepEqual(await storedRow(theirs.id), stored);
    assert.deepEqual(
      (await listed(other.authorization)).map((endpoint) => endpoint.id),
      [theirs.id],
    );
  });

  test('a project has at most 20 endpoints', async () => {
    const other = await server.createProject('Busy project');
    for (let i = 0; i < 20; i++) assertCreated(await as(other.authorization).create(validBody()));
    assertError(await as(other.authorization).create(validBody()), {
      status: 409,
      code: 'CONFLICT',
    });
    assert.equal((await listed(other.authorization)).length, 20);
  });

  test('every operation needs the API secret', async () => {
    const none = [
      await server.app.inject({ method: 'GET', url: '/v2/webhookEndpoints' }),
      await server.app.inject({
        method: 'POST',
        url: '/v2/webhookEndpoints',
        payload: validBody(),
      }),
      await server.app.inject({
        method: 'PUT',
        url: '/v2/webhookEndpoints/whe-1234567890123456789',
        payload: { url: 'https://a.example' },
      }),
      await server.app.inject({
        method: 'DELETE',
        url: '/v2/webhookEndpoints/whe-1234567890123456789',
      }),
    ];
    for (const response of none) assertError(response, { status: 401, code: 'AUTH_MISSING' });
  });
});
