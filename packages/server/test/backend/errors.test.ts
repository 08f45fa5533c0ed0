import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { assertError, assertNoLeaks, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

const unknownUserId = 'usr-1234567890123456789';

describeEachDatabase('Backend API error envelope', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind, { bodyLimitBytes: 1024 });
  });
  after(async () => {
    await server.close();
  });

  const send = (options: InjectOptions) =>
    server.app.inject({
      ...options,
      headers: { authorization: server.authorization, ...options.headers },
    });
  const postRaw = (payload: string, contentType: string, url = '/v2/users') =>
    send({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
  const createUser = async (payload: Record<string, unknown> = { status: 'active' }) =>
    assertOk<{ userID: string }>(await send({ method: 'POST', url: '/v2/users', payload }), 'user');

  test('unknown routes are 404 ROUTE_NOT_FOUND', async () => {
    for (const url of ['/nope', '/v2/nope', '/v2/users/usr-1/nope', '/v1/users', '/']) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await send({ method, url });
        assertError(response, { status: 404, code: 'ROUTE_NOT_FOUND', type: 'not_found' });
      }
    }
  });

  test('a known path with the wrong method is 405 with Allow', async () => {
    const cases = [
      { method: 'PUT', url: '/v2/users', allowed: ['GET', 'POST'] },
      { method: 'DELETE', url: '/v2/users', allowed: ['GET', 'POST'] },
      { method: 'POST', url: `/v2/users/${unknownUserId}`, allowed: ['DELETE', 'GET', 'PATCH'] },
      { method: 'PUT', url: `/v2/users/${unknownUserId}`, allowed: ['DELETE', 'GET', 'PATCH'] },
      { method: 'OPTIONS', url: '/v2/users', allowed: ['GET', 'POST'] },
      { method: 'POST', url: '/health', allowed: ['GET'] },
    ] as const;
    for (const { method, url, allowed } of cases) {
      const response = await send({ method, url, payload: {} });
      assertError(response, {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        type: 'method_not_allowed',
      });
      const allow = String(response.headers.allow)
        .split(',')
        .map((m) => m.trim());
      for (const expected of allowed) assert.ok(allow.includes(expected), `${url} Allow: ${allow}`);
      assert.ok(!allow.includes(method), `${url} Allow lists ${method}`);
    }
  });

  test('the wrong method on a user path with a long ID is still 405', async () => {
    const response = await send({ method: 'PUT', url: `/v2/users/usr-${'1'.repeat(150)}` });
    assertError(response, { status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  test('a body over the limit is 413 PAYLOAD_TOO_LARGE, JSON or form', async () => {
    const big = 'x'.repeat(2000);
    const asJson = await send({
      method: 'POST',
      url: '/v2/users',
      payload: { status: 'active', padding: big },
    });
    assertError(asJson, { status: 413, code: 'PAYLOAD_TOO_LARGE', type: 'payload_too_large' });
    const asForm = await postRaw(
      `status=active&padding=${big}`,
      'application/x-www-form-urlencoded',
    );
    assertError(asForm, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const patch = await send({
      method: 'PATCH',
      url: `/v2/users/${unknownUserId}`,
      payload: { fullName: big },
    });
    assertError(patch, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  test('a body just under the limit is accepted', async () => {
    const payload = JSON.stringify({ status: 'active', padding: 'x'.repeat(900) });
    assert.ok(Buffer.byteLength(payload) < 1024);
    assertOk(await postRaw(payload, 'application/json'), 'user');
  });

  test('bodies that are neither JSON nor form-encoded are 415', async () => {
    const types = [
      'text/plain',
      'text/plain; charset=utf-8',
      'application/xml',
      'text/html',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/x-yaml',
    ];
    for (const contentType of types) {
      const response = await postRaw('status=active', contentType);
      assertError(response, {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        type: 'unsupported_media_type',
      });
    }
    const patch = await send({
      method: 'PATCH',
      url: `/v2/users/${unknownUserId}`,
      payload: 'status=active',
      headers: { 'content-type': 'text/plain' },
    });
    assertError(patch, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  test('JSON with a charset parameter or in upper case is accepted', async () => {
    const body = '{"status":"active"}';
    assertOk(await postRaw(body, 'application/json; charset=utf-8'), 'user');
    assertOk(await postRaw(body, 'Application/JSON'), 'user');
  });

  test('malformed JSON is 400 MALFORMED_BODY', async () => {
    const bodies = [
      '{"status":',
      '{status: "active"}',
      '{"status":"active"}x',
      "{'a':1}",
      '\u0000',
    ];
    for (const body of bodies) {
      const response = await postRaw(body, 'application/json');
      assertError(response, { status: 400, code: 'MALFORMED_BODY', type: 'invalid_request' });
    }
    const patch = await send({
      method: 'PATCH',
      url: `/v2/users/${unknownUserId}`,
      payload: '{"fullName":',
      headers: { 'content-type': 'application/json' },
    });
    assertError(patch, { status: 400, code: 'MALFORMED_BODY' });
  });

  test('an empty JSON body on POST is 400 MALFORMED_BODY', async () => {
    assertError(await postRaw('', 'application/json'), { status: 400, code: 'MALFORMED_BODY' });
  });

  test('a JSON body that is not an object is 400', async () => {
    const bodies = ['[{"status":"active"}]', '[]', '"active"', '42', 'null', 'true'];
    for (const body of bodies) {
      const response = await postRaw(body, 'application/json');
      const error = assertError(response, { status: 400, code: 'VALIDATION_FAILED' });
      assert.equal(error.error.validation?.[0]?.field, 'body');
    }
  });

  test('a POST without any body is 400', async () => {
    const response = await send({ method: 'POST', url: '/v2/users' });
    assertError(response, { status: 400, code: 'VALIDATION_FAILED', field: 'body' });
  });

  test('a DELETE with a JSON content type but no body works', async () => {
    // Some HTTP clients send Content-Type on every request; a body-less DELETE must not fail.
    const user = await createUser();
    const response = await send({
      method: 'DELETE',
      url: `/v2/users/${user.userID}`,
      headers: { 'content-type': 'application/json' },
    });
    assertOk(response, 'genericRsp');
  });

  test('form-encoded bodies are accepted for create and update', async () => {
    const created = assertOk<{ userID: string; fullName: string; status: string }>(
      await postRaw(
        'status=active&fullName=Jane+Doe%20%C3%84',
        'application/x-www-form-urlencoded',
      ),
      'user',
    );
    assert.equal(created.fullName, 'Jane Doe Ä');
    assert.equal(created.status, 'active');
    const updated = assertOk<{ fullName: string; status: string }>(
      await send({
        method: 'PATCH',
        url: `/v2/users/${created.userID}`,
        payload: 'status=disabled',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      }),
      'user',
    );
    assert.equal(updated.status, 'disabled');
    assert.equal(updated.fullName, 'Jane Doe Ä');
  });

  test('a malformed form body is 400 MALFORMED_BODY', async () => {
    for (const body of ['status=active&fullName=%E0%A4%A', 'status=active&fullName=%ZZ', '%=x']) {
      const response = await postRaw(body, 'application/x-www-form-urlencoded');
      assertError(response, { status: 400, code: 'MALFORMED_BODY' });
    }
  });

  test('form fields that are invalid are 400 VALIDATION_FAILED naming the field', async () => {
    const cases = [
      { body: 'fullName=x', field: 'status' },
      { body: 'status=gone', field: 'status' },
      { body: 'status=active&status=pending', field: 'status' },
      { body: `status=active&fullName=${'a'.repeat(257)}`, field: 'fullName' },
      { body: 'status=active&fullName=a%0Ab', field: 'fullName' },
    ];
    for (const { body, field } of cases) {
      const response = await postRaw(body, 'application/x-www-form-urlencoded');
      assertError(response, { status: 400, code: 'VALIDATION_FAILED', field });
    }
  });

  test('a status outside the enum is 400 VALIDATION_FAILED naming status', async () => {
    for (const status of ['gone', 'deleted', 'ACTIVE', '', 1, true, null, {}]) {
      const response = await send({ method: 'POST', url: '/v2/users', payload: { status } });
      const error = assertError(response, {
        status: 400,
        code: 'VALIDATION_FAILED',
        type: 'validation_error',
        field: 'status',
      });
      assert.ok(error.error.validation?.every((v) => v.message.length > 0));
    }
    const user = await createUser();
    const patch = await send({
      method: 'PATCH',
      url: `/v2/users/${user.userID}`,
      payload: { status: 'deleted' },
    });
    assertError(patch, { status: 400, code: 'VALIDATION_FAILED', field: 'status' });
  });

  test('a missing status is 400 VALIDATION_FAILED naming status', async () => {
    const response = await send({
      method: 'POST',
      url: '/v2/users',
      payload: { fullName: 'No Status' },
    });
    const error = assertError(response, {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'status',
    });
    assert.equal(error.error.validation?.length, 1);
  });

  test('a fullName over 256 characters is 400 naming fullName', async () => {
    const tooLong = 'a'.repeat(257);
    const created = await send({
      method: 'POST',
      url: '/v2/users',
      payload: { status: 'active', fullName: tooLong },
    });
    assertError(created, { status: 400, code: 'VALIDATION_FAILED', field: 'fullName' });
    const user = await createUser({ status: 'active', fullName: 'a'.repeat(256) });
    const patched = await send({
      method: 'PATCH',
      url: `/v2/users/${user.userID}`,
      payload: { fullName: tooLong },
    });
    assertError(patched, { status: 400, code: 'VALIDATION_FAILED', field: 'fullName' });
  });

  test('control characters in fullName are 400 naming fullName', async () => {
    const names = ['a\nb', 'a\u0000b', 'tab\there', 'bell\u0007', 'del\u007f', 'esc\u001b[31m'];
    for (const fullName of names) {
      const created = await send({
        method: 'POST',
        url: '/v2/users',
        payload: { status: 'active', fullName },
      });
      assertError(created, { status: 400, code: 'VALIDATION_FAILED', field: 'fullName' });
    }
    const user = await createUser();
    const patched = await send({
      method: 'PATCH',
      url: `/v2/users/${user.userID}`,
      payload: { fullName: 'x\ry' },
    });
    assertError(patched, { status: 400, code: 'VALIDATION_FAILED', field: 'fullName' });
  });

  test('a fullName of the wrong type is 400 naming fullName', async () => {
    for (const fullName of [{}, ['a', 'b']]) {
      const response = await send({
        method: 'POST',
        url: '/v2/users',
        payload: { status: 'active', fullName },
      });
      assertError(response, { status: 400, code: 'VALIDATION_FAILED', field: 'fullName' });
    }
  });

  test('an explicitWebauthnID over 64 bytes or empty is 400 naming it', async () => {
    for (const explicitWebauthnID of ['', 'x'.repeat(65), 'ä'.repeat(40), 'a\u0001']) {
      const response = await send({
        method: 'POST',
        url: '/v2/users',
        payload: { status: 'active', explicitWebauthnID },
      });
      assertError(response, {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'explicitWebauthnID',
      });
    }
  });

  test('a malformed userID path parameter is 400 naming userID', async () => {
    const ids = [
      'abc',
      'usr-abc',
      'usr-',
      'usr-1.5',
      'usr--1',
      'pro-1234567890123456789',
      'usr-1234567890123456789x',
      `usr-${'1'.repeat(21)}`,
      `usr-${'1'.repeat(70)}`,
      'usr-%201',
      '%00',
    ];
    for (const id of ids) {
      for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
        const response = await send({
          method,
          url: `/v2/users/${id}`,
          ...(method === 'PATCH' && { payload: { status: 'active' } }),
        });
        assertError(response, {
          status: 400,
          code: 'VALIDATION_FAILED',
          type: 'validation_error',
          field: 'userID',
        });
      }
    }
  });

  test('a URL that is not valid percent-encoding is 400 in the envelope', async () => {
    for (const url of ['/v2/users/%E0%A4%A', '/v2/%', '/v2/users/%ZZ']) {
      const response = await send({ method: 'GET', url });
      assertError(response, { status: 400, code: 'VALIDATION_FAILED', field: 'path' });
    }
  });

  test('a path parameter longer than the router allows is 400 in the envelope', async () => {
    const response = await send({ method: 'GET', url: `/v2/users/usr-${'1'.repeat(300)}` });
    assertError(response, { status: 400, code: 'VALIDATION_FAILED', field: 'path' });
  });

  test('an unknown user is 404 USER_NOT_FOUND for get, update and delete', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await send({
        method,
        url: `/v2/users/${unknownUserId}`,
        ...(method === 'PATCH' && { payload: { status: 'active' } }),
      });
      assertError(response, { status: 404, code: 'USER_NOT_FOUND', type: 'not_found' });
    }
  });

  test('JSON __proto__ and constructor.prototype payloads are refused', async () => {
    const payloads = [
      '{"__proto__":{"polluted":true},"status":"active"}',
      '{"status":"active","nested":{"__proto__":{"polluted":true}}}',
      '{"constructor":{"prototype":{"polluted":true}},"status":"active"}',
    ];
    for (const payload of payloads) {
      const response = await postRaw(payload, 'application/json');
      assertError(response, { status: 400, code: 'MALFORMED_BODY' });
    }
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  });

  test('harmless keys named like prototype properties are ignored safely', async () => {
    const response = await postRaw(
      '{"constructor":"x","toString":"y","hasOwnProperty":1,"status":"active"}',
      'application/json',
    );
    assertOk(response, 'user');
    const form = await postRaw(
      '__proto__[polluted]=1&__proto__=x&constructor[prototype][polluted]=1&status=active',
      'application/x-www-form-urlencoded',
    );
    assert.ok(form.statusCode === 200 || form.statusCode === 400, form.body);
    if (form.statusCode === 200) assertOk(form, 'user');
    const query = await send({
      method: 'GET',
      url: '/v2/users?__proto__[polluted]=1&constructor[prototype][polluted]=1&toString=1',
    });
    assertOk(query, 'userList');
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });

  test('the request ID: a safe caller-provided X-Request-ID is echoed, others replaced', async () => {
    const echoed = await send({
      method: 'GET',
      url: `/v2/users/${unknownUserId}`,
      headers: { 'x-request-id': 'trace-42.a:b_c' },
    });
    assert.equal(echoed.headers['x-request-id'], 'trace-42.a:b_c');
    assertError(echoed, { status: 404, code: 'USER_NOT_FOUND' });

    for (const unsafe of ['has space', 'x'.repeat(65), '<script>', 'a\u00e4']) {
      const response = await send({
        method: 'GET',
        url: `/v2/users/${unknownUserId}`,
        headers: { 'x-request-id': unsafe },
      });
      assert.match(String(response.headers['x-request-id']), /^req-\d{19}$/);
      assertError(response, { status: 404, code: 'USER_NOT_FOUND' });
    }

    const ok = await send({ method: 'GET', url: '/v2/users' });
    assert.match(String(ok.headers['x-request-id']), /^req-\d{19}$/);
    const deleted = await send({
      method: 'DELETE',
      url: `/v2/users/${(await createUser()).userID}`,
    });
    const generic = assertOk<{ requestData: { requestID: string } }>(deleted, 'genericRsp');
    assert.equal(generic.requestData.requestID, deleted.headers['x-request-id']);
  });

  test('no input in this suite ever produces a 500 or a stack trace', async () => {
    const weird: InjectOptions[] = [
      {
        method: 'POST',
        url: '/v2/users',
        payload: '{"status":"active","fullName":"\\ud800"}',
        headers: { 'content-type': 'application/json' },
      },
      {
        method: 'POST',
        url: '/v2/users',
        payload: '{"status":"active","fullName":1e400}',
        headers: { 'content-type': 'application/json' },
      },
      {
        method: 'POST',
        url: '/v2/users',
        payload: `{"status":"active","a":${'['.repeat(500)}${']'.repeat(500)}}`,
        headers: { 'content-type': 'application/json' },
      },
      {
        method: 'POST',
        url: '/v2/users',
        payload: 'status=active&fullName=%00',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      {
        method: 'POST',
        url: '/v2/users',
        payload: '{"status":"active"}',
        headers: { 'content-type': 'application/json; charset=latin1' },
      },
      {
        method: 'POST',
        url: '/v2/users',
        payload: '{"status":"active"}',
        headers: { 'content-type': ';;;' },
      },
      { method: 'GET', url: '/v2/users?page=1&page=2' },
      { method: 'GET', url: '/v2/users?pageSize=1e400' },
      { method: 'GET', url: '/v2/users?sort=' },
      { method: 'GET', url: '/v2/users?sort=:' },
      { method: 'GET', url: '/v2/users?filter[]=' },
      { method: 'GET', url: '/v2/users?filter[]=::' },
      { method: 'GET', url: '/v2/users?filter[]=fullName:eq:a%00b' },
      { method: 'GET', url: '/v2/users?filter[]=searchValue:eq:a%00b' },
      { method: 'GET', url: '/v2/users?filter[]=searchValue:eq:%5C' },
      { method: 'GET', url: `/v2/users?filter[]=fullName:eq:${'x'.repeat(290)}` },
      { method: 'GET', url: '/v2/users?filter[]=created:gt:99999-01-01' },
      { method: 'GET', url: '/v2/users?filter[]=created:gt:275760-09-14' },
      { method: 'GET', url: '/v2/users?filter[]=userID:eq:99999999999999999999' },
      { method: 'GET', url: `/v2/users/${'9'.repeat(20)}` },
      {
        method: 'PATCH',
        url: `/v2/users/${unknownUserId}`,
        payload: '',
        headers: { 'content-type': 'application/json' },
      },
      {
        method: 'PATCH',
        url: `/v2/users/${unknownUserId}`,
        payload: 'fullName=%00',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    ];
    const responses: LightMyRequestResponse[] = [];
    for (const options of weird) responses.push(await send(options));
    for (const [index, response] of responses.entries()) {
      assert.ok(response.statusCode < 500, `${JSON.stringify(weird[index])} → ${response.body}`);
      assertNoLeaks(response);
      if (response.statusCode >= 400) {
        const body = json<{ error: { code: string } }>(response);
        assertError(response, { status: response.statusCode, code: body.error.code });
      }
    }
  });
});
