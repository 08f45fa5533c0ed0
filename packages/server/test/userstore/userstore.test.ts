import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { revokeClientCertificate } from '../../src/core/certs/client-certificates.js';
import {
  createCertificateAuthority,
  issueClientCertificate,
  readCertificate,
} from '../../src/core/certs/x509.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from '../support/test-server.js';
import {
  startUserstore,
  type UserstoreHarness,
  type UserstoreResponse,
} from '../support/userstore-client.js';

let counter = 0;
const uniqueEmail = () => `user${++counter}-${Date.now()}@example.com`;
const unknownUser = '/users/usr-1234567890123456789';

function assertFailure(response: UserstoreResponse, status: number, code: string, field?: string) {
  assert.equal(response.status, status, response.body);
  assert.match(String(response.headers['content-type']), /application\/json/);
  const body = response.json<{ code: string; message: string; validation?: { field: string }[] }>();
  assert.equal(body.code, code, response.body);
  assert.equal(typeof body.message, 'string');
  if (field)
    assert.ok(
      body.validation?.some((v) => v.field === field),
      response.body,
    );
}
const invalid = (response: UserstoreResponse, field: string) =>
  assertFailure(response, 400, 'VALIDATION_FAILED', field);
const malformed = (response: UserstoreResponse) => assertFailure(response, 400, 'MALFORMED_BODY');
const noUser = (response: UserstoreResponse) => assertFailure(response, 404, 'USER_NOT_FOUND');
const untrusted = (response: UserstoreResponse) =>
  assertFailure(response, 403, 'CERTIFICATE_UNTRUSTED');

describeEachDatabase('User store API over mutual TLS', (kind) => {
  let server: TestServer;
  let store: UserstoreHarness;
  before(async () => {
    server = await createTestServer(kind);
    store = await startUserstore(server);
  });
  after(async () => {
    await store.close();
    await server.close();
  });

  const create = async (overrides: Record<string, unknown> = {}) => {
    const email = uniqueEmail();
    const response = await store.call('POST', '/users/', {
      body: { email, password: 'correct-horse', confirmed: true, enabled: true, ...overrides },
    });
    assert.equal(response.status, 201, response.body);
    const id = response.headers['x-object-id'];
    assert.ok(typeof id === 'string' && id.startsWith('usr-'));
    return { id, email: (overrides.email as string | undefined) ?? email };
  };
  const backendUser = async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v2/users',
      headers: { authorization: server.authorization },
      payload: { status: 'active' },
    });
    return JSON.parse(response.body).userID as string;
  };
  const checkpw = (id: string, password: unknown) =>
    store.call('POST', `/users/${id}/checkpw`, { body: { password } });
  const put = (path: string, body?: unknown, raw?: string) =>
    store.call('PUT', path, {
      ...(body !== undefined && { body }),
      ...(raw !== undefined && { raw }),
    });

  test('TLS: a client without a certificate fails in the handshake', async () => {
    await assert.rejects(store.call('GET', '/users/usr-1', { cert: null }));
  });

  test('TLS: a certificate from another CA fails in the handshake', async () => {
    const otherCa = await createCertificateAuthority(Date.now(), 'Other CA');
    const foreign = await issueClientCertificate(otherCa, Date.now(), server.project.id);
    await assert.rejects(store.call('GET', '/users/usr-1', { cert: foreign }));
  });

  test('TLS: a certificate from the trusted CA that no project registered is 403', async () => {
    const unregistered = await store.issueClient(server.project.id, { register: false });
    untrusted(await store.call('GET', '/users/usr-1', { cert: unregistered }));
  });

  test("TLS: another project's certificate sees none of this project's users", async () => {
    const { id } = await create();
    const other = await server.createProject('Other');
    const otherCert = await store.issueClient(other.project.id);
    noUser(await store.call('GET', `/users/${id}`, { cert: otherCert }));
    noUser(await store.call('DELETE', `/users/${id}`, { cert: otherCert }));
    assert.equal((await store.call('GET', `/users/${id}`)).status, 200);
  });

  test('TLS: a certificate recorded for another project than its CN names is 403', async () => {
    const other = await server.createProject('CN mismatch');
    const pair = await store.issueClient(server.project.id, { register: false });
    const facts = readCertificate(pair.certPem);
    assert.ok(facts);
    await server.deps.db
      .insertInto('client_certificates')
      .values({
        fingerprint: facts.fingerprint,
        project_id: other.project.id,
        subject_cn: server.project.id,
        source: 'registered',
        not_after: facts.notAfter,
        created_at: Date.now(),
        revoked_at: null,
      })
      .execute();
    untrusted(await store.call('GET', '/users/usr-1', { cert: pair }));
  });

  test('TLS: a revoked certificate is refused at once', async () => {
    const pair = await store.issueClient(server.project.id);
    noUser(await store.call('GET', '/users/usr-1', { cert: pair }));
    const facts = readCertificate(pair.certPem);
    assert.ok(facts);
    await revokeClientCertificate(server.deps, facts.fingerprint);
    untrusted(await store.call('GET', '/users/usr-1', { cert: pair }));
  });

  test('POST /users/ and /users: 201 with X-Object-ID; GET never shows the password', async () => {
    const { id, email } = await create({ data: { plan: 'pro', tags: ['a'] } });
    const got = await store.call('GET', `/users/${id}`);
    assert.equal(got.status, 200, got.body);
    assert.deepEqual(got.json(), {
      email,
      confirmed: true,
      enabled: true,
      data: { plan: 'pro', tags: ['a'] },
    });
    assert.doesNotMatch(got.body, /password|argon2|correct-horse/);

    const noSlash = await store.call('POST', '/users', {
      body: { email: uniqueEmail(), password: 'correct-horse' },
    });
    assert.equal(noSlash.status, 201, noSlash.body);
    const defaults = await store.call('GET', `/users/${noSlash.headers['x-object-id']}`);
    assert.deepEqual(
      { ...defaults.json<Record<string, unknown>>(), email: undefined },
      { email: undefined, confirmed: false, enabled: true, data: null },
    );
  });

  test('POST /users/: the email is normalised; enabled false creates a disabled user', async () => {
    const email = uniqueEmail();
    const { id } = await create({
      email: `  ${email.toUpperCase()} `,
      enabled: false,
      confirmed: false,
    });
    const got = (await store.call('GET', `/users/${id}`)).json();
    assert.deepEqual(got, { email, confirmed: false, enabled: false, data: null });
  });

  test('POST /users/: 409 for an email that exists, in any case; nothing half-written', async () => {
    const { email } = await create();
    const countUsers = async () =>
      (await server.deps.db.selectFrom('users').select('id').execute()).length;
    const before = await countUsers();
    const again = await store.call('POST', '/users/', {
      body: { email: email.toUpperCase(), password: 'correct-horse' },
    });
    assertFailure(again, 409, 'DUPLICATE_VALUE', 'email');
    assert.equal(await countUsers(), before);
  });

  test('POST /users/: bad bodies are 400 naming the field, never 500', async () => {
    const ok = { email: uniqueEmail(), password: 'correct-horse' };
    const cases: [string, { body?: unknown; raw?: string }, string | undefined][] = [
      ['not JSON', { raw: '{"email": ' }, undefined],
      ['an array', { body: [1, 2] }, undefined],
      ['missing email', { body: { password: 'correct-horse' } }, 'email'],
      ['missing password', { body: { email: uniqueEmail() } }, 'password'],
      ['email not a string', { body: { ...ok, email: 42 } }, 'email'],
      ['password not a string', { body: { ...ok, password: 12345678 } }, 'password'],
      ['confirmed not a boolean', { body: { ...ok, confirmed: 'yes' } }, 'confirmed'],
      ['enabled not a boolean', { body: { ...ok, enabled: 1 } }, 'enabled'],
      ['invalid email', { body: { ...ok, email: 'not-an-email' } }, 'email'],
      ['password too short', { body: { ...ok, password: 'short' } }, 'password'],
      ['password too long', { body: { ...ok, password: 'x'.repeat(33) } }, 'password'],
      ['no body', {}, undefined],
    ];
    for (const [label, options, field] of cases) {
      const response = await store.call('POST', '/users/', options);
      assert.equal(response.status, 400, `${label}: ${response.body}`);
      const body = response.json<{ code: string; validation?: { field: string }[] }>();
      assert.ok(['VALIDATION_FAILED', 'MALFORMED_BODY'].includes(body.code), label);
      if (field) {
        assert.ok(
          body.validation?.some((v) => v.field === field),
          `${label}: ${response.body}`,
        );
      }
    }
    // 8 and 32 characters are the bounds (code points, so 32 emoji are fine).
    for (const password of ['12345678', '🔑'.repeat(32)]) {
      const response = await store.call('POST', '/users/', {
        body: { email: uniqueEmail(), password },
      });
      assert.equal(response.status, 201, response.body);
    }
  });

  test('a huge body is 413', async () => {
    const raw = JSON.stringify({ ...{ email: uniqueEmail() }, data: 'x'.repeat(1_100_000) });
    assertFailure(await store.call('POST', '/users/', { raw }), 413, 'PAYLOAD_TOO_LARGE');
  });

  test('a form content type is read as JSON (curl -d)', async () => {
    const response = await store.call('POST', '/users/', {
      raw: JSON.stringify({ email: uniqueEmail(), password: 'correct-horse' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(response.status, 201, response.body);
  });

  test('GET and DELETE /users/{id}: 404 for unknown and malformed IDs; 204 then 404', async () => {
    noUser(await store.call('GET', unknownUser));
    noUser(await store.call('GET', '/users/not-an-id'));
    noUser(await store.call('DELETE', unknownUser));
    const { id } = await create();
    const deleted = await store.call('DELETE', `/users/${id}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, '');
    noUser(await store.call('GET', `/users/${id}`));
    noUser(await store.call('DELETE', `/users/${id}`));
  });

  test('PUT /users/{id}/email: 204 (unconfirmed), 400, 404, 409', async () => {
    const { id } = await create();
    const other = await create();
    const next = uniqueEmail();
    assert.equal((await put(`/users/${id}/email`, { email: next.toUpperCase() })).status, 204);
    assert.deepEqual((await store.call('GET', `/users/${id}`)).json(), {
      email: next,
      confirmed: false,
      enabled: true,
      data: null,
    });
    // The same address again changes nothing.
    assert.equal((await put(`/users/${id}/email`, { email: next })).status, 204);
    assertFailure(
      await put(`/users/${id}/email`, { email: other.email }),
      409,
      'DUPLICATE_VALUE',
      'email',
    );
    invalid(await put(`/users/${id}/email`, { email: 'nope' }), 'email');
    invalid(await put(`/users/${id}/email`, { email: 7 }), 'email');
    invalid(await put(`/users/${id}/email`, {}), 'email');
    malformed(await put(`/users/${id}/email`, undefined, 'nope'));
    noUser(await put(`${unknownUser}/email`, { email: uniqueEmail() }));
  });

  test('PUT /users/{id}/password and POST checkpw: 204, 400, 404; true and false', async () => {
    const { id } = await create();
    assert.deepEqual((await checkpw(id, 'correct-horse')).json(), { result: true });
    assert.equal((await put(`/users/${id}/password`, { password: 'battery-staple' })).status, 204);
    assert.deepEqual((await checkpw(id, 'battery-staple')).json(), { result: true });
    assert.deepEqual((await checkpw(id, 'correct-horse')).json(), { result: false });
    invalid(await put(`/users/${id}/password`, { password: 'short' }), 'password');
    invalid(await put(`/users/${id}/password`, { password: true }), 'password');
    invalid(await put(`/users/${id}/password`, {}), 'password');
    noUser(await put(`${unknownUser}/password`, { password: 'battery-staple' }));
    invalid(await checkpw(id, 12), 'password');
    invalid(await store.call('POST', `/users/${id}/checkpw`, { body: {} }), 'password');
    malformed(await store.call('POST', `/users/${id}/checkpw`, { raw: '{' }));
    noUser(await store.call('POST', `${unknownUser}/checkpw`, { body: { password: 'x' } }));
    // The hash is argon2id at OWASP's parameters.
    const row = await server.deps.db
      .selectFrom('user_store_profiles')
      .select('password_hash')
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.match(String(row.password_hash), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test('checkpw: false for a disabled user and for a user without a password', async () => {
    const { id } = await create();
    assert.equal((await put(`/users/${id}/disable`)).status, 204);
    assert.deepEqual((await checkpw(id, 'correct-horse')).json(), { result: false });
    assert.equal((await put(`/users/${id}/enable`)).status, 204);
    assert.deepEqual((await checkpw(id, 'correct-horse')).json(), { result: true });
    const withoutPassword = await backendUser();
    assert.deepEqual((await checkpw(withoutPassword, 'anything-at-all')).json(), {
      result: false,
    });
  });

  test('checkpw: five failures lock the user (429, Retry-After) until the window ends', async () => {
    const { id } = await create();
    for (let i = 0; i < 5; i++) {
      assert.deepEqual((await checkpw(id, 'wrong-password')).json(), { result: false });
    }
    const locked = await checkpw(id, 'correct-horse');
    assertFailure(locked, 429, 'RATE_LIMITED');
    assert.ok(Number(locked.headers['retry-after']) > 0);
    // Another user is not affected.
    const other = await create();
    assert.deepEqual((await checkpw(other.id, 'correct-horse')).json(), { result: true });
    server.clock.advance(15 * 60_000 + 1000);
    assert.deepEqual((await checkpw(id, 'correct-horse')).json(), { result: true });
  });

  test('checkpw takes about as long for a wrong password as for a user without one', async () => {
    const { id } = await create();
    const noPassword = await backendUser();
    const time = async (userId: string) => {
      const started = process.hrtime.bigint();
      await checkpw(userId, 'wrong-password');
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await time(noPassword); // the dummy hash is made on first use
    const wrong = (await time(id)) + (await time(id));
    const missing = (await time(noPassword)) + (await time(noPassword));
    // Both run one argon2id verification; without it the second would take ~1 ms.
    assert.ok(missing > wrong / 4, `wrong ${wrong} ms, no password ${missing} ms`);
  });

  test('PUT /users/{id}/disable and /enable: 204, 404', async () => {
    const { id } = await create();
    const enabled = async () =>
      (await store.call('GET', `/users/${id}`)).json<{ enabled: boolean }>().enabled;
    assert.equal((await put(`/users/${id}/disable`)).status, 204);
    assert.equal(await enabled(), false);
    assert.equal((await put(`/users/${id}/enable`)).status, 204);
    assert.equal(await enabled(), true);
    for (const action of ['disable', 'enable']) noUser(await put(`${unknownUser}/${action}`));
  });

  test('PUT and GET /users/{id}/data: any JSON; 400; 404', async () => {
    const { id } = await create();
    assert.equal((await store.call('GET', `/users/${id}/data`)).body, 'null');
    for (const value of [{ a: { b: [1, 2, null] } }, [1, 'two'], 'text', 42, true, null]) {
      assert.equal((await put(`/users/${id}/data`, value)).status, 204);
      const got = await store.call('GET', `/users/${id}/data`);
      assert.equal(got.status, 200);
      assert.match(String(got.headers['content-type']), /application\/json/);
      assert.deepEqual(got.json(), value);
    }
    assert.deepEqual(
      (await store.call('GET', `/users/${id}`)).json<{ data: unknown }>().data,
      null,
    );
    malformed(await put(`/users/${id}/data`, undefined, '{not json'));
    invalid(await put(`/users/${id}/data`), 'data');
    invalid(await put(`/users/${id}/data`, 'x'.repeat(70_000)), 'data');
    noUser(await put(`${unknownUser}/data`, {}));
    noUser(await store.call('GET', `${unknownUser}/data`));
  });

  test('an unknown route is a JSON 404', async () => {
    assertFailure(await store.call('GET', '/nope'), 404, 'ROUTE_NOT_FOUND');
  });
});
