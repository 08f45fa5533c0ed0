import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { signedLogin } from '../support/session-client.js';
import { assertMatchesSpec } from '../support/spec-schemas.js';
import { createTestServer, json, queryString, type TestServer } from '../support/test-server.js';

interface WireSession {
  sessionID: string;
  userID: string;
  identifierValue: string;
  createdMs: number;
  lastActionMs: number;
  expiresMs: number;
  status: string;
}

describeEachDatabase('Backend API: postLogin, sessions list and revoke', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => server.close());

  const post = (
    url: string,
    payload: Record<string, unknown> = {},
    authorization = server.authorization,
  ) => server.app.inject({ method: 'POST', url, headers: { authorization }, payload });
  const list = (query: Record<string, string | string[]> = {}) =>
    server.app.inject({
      method: 'GET',
      url: `/v2/sessions${queryString(query)}`,
      headers: { authorization: server.authorization },
    });
  const sessionsOf = async (query: Record<string, string | string[]> = {}) =>
    assertOk<{ sessions: WireSession[]; paging: { totalItems: number } }>(
      await list(query),
      'sessionList',
    );
  const postLogin = async (signedPasskeyData: string) => {
    const response = await post('/v2/passkey/postLogin', { signedPasskeyData });
    assert.equal(response.statusCode, 200, response.body);
    const body = json<{ session: string; longSession: string }>(response);
    // `longSession` is Latchkey's addition (docs/sessions.md); the rest is the spec's.
    const { longSession, ...specified } = body;
    assertMatchesSpec('passkeyPostLoginRsp', specified);
    assert.match(longSession, /^lkr1_/);
    return body;
  };

  test('postLogin turns signed passkey data into a session, once', async () => {
    const { userID, signedPasskeyData } = await signedLogin(server);
    const { session } = await postLogin(signedPasskeyData);
    const claims = JSON.parse(Buffer.from(session.split('.')[1] ?? '', 'base64url').toString());
    assert.equal(claims.sub, userID);
    assert.equal(claims.orig, 'ada@example.com');
    assert.equal(claims.iss, 'http://localhost:8080');
    assertError(await post('/v2/passkey/postLogin', { signedPasskeyData }), {
      status: 400,
      code: 'SIGNED_PASSKEY_DATA_INVALID',
      field: 'signedPasskeyData',
    });
    // Consumed by postLogin: verifySignedData no longer accepts it either.
    const verified = json<{ verificationResult: string }>(
      await post('/v2/passkey/verifySignedData', {
        signedPasskeyData,
        username: 'ada@example.com',
      }),
    );
    assert.equal(verified.verificationResult, 'invalid_challenge');
  });

  test('postLogin refuses verified, forged, session and other-project tokens', async () => {
    const first = await signedLogin(server);
    await post('/v2/passkey/verifySignedData', {
      signedPasskeyData: first.signedPasskeyData,
      username: 'ada@example.com',
    });
    const refused = {
      status: 400,
      code: 'SIGNED_PASSKEY_DATA_INVALID',
      field: 'signedPasskeyData',
    };
    assertError(
      await post('/v2/passkey/postLogin', { signedPasskeyData: first.signedPasskeyData }),
      refused,
    );
    assertError(await post('/v2/passkey/postLogin', { signedPasskeyData: 'a.b.c' }), refused);
    const second = await signedLogin(server);
    const { session } = await postLogin(second.signedPasskeyData);
    assertError(await post('/v2/passkey/postLogin', { signedPasskeyData: session }), refused);
    const third = await signedLogin(server);
    const other = await server.createProject('Other');
    assertError(
      await post(
        '/v2/passkey/postLogin',
        { signedPasskeyData: third.signedPasskeyData },
        other.authorization,
      ),
      refused,
    );
    assertError(await post('/v2/passkey/postLogin', {}), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'signedPasskeyData',
    });
    assertError(await post('/v2/passkey/postLogin', { signedPasskeyData: 'x'.repeat(9000) }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'signedPasskeyData',
    });
  });

  test('GET /v2/sessions lists, sorts and filters as the spec says', async () => {
    const a = await signedLogin(server);
    await postLogin(a.signedPasskeyData);
    server.clock.advance(1000);
    const b = await signedLogin(server);
    await postLogin(b.signedPasskeyData);
    const all = await sessionsOf({ 'filter[]': [`userID:eq:${b.userID}`] });
    assert.equal(all.sessions.length, 1);
    const [session] = all.sessions;
    assert.ok(session);
    assert.match(session.sessionID, /^ses-\d{19}$/);
    assert.equal(session.status, 'active');
    assert.equal(session.identifierValue, 'ada@example.com');
    assert.equal(session.createdMs, server.clock.now());
    assert.ok(session.expiresMs > session.createdMs);
    // Bare numbers for IDs, milliseconds for times, as the SDKs send them.
    const bare = await sessionsOf({ 'filter[]': [`ID:eq:${session.sessionID.slice(4)}`] });
    assert.deepEqual(bare.sessions, [session]);
    const byTime = await sessionsOf({ 'filter[]': [`created:gt:${server.clock.now() - 1}`] });
    assert.ok(byTime.sessions.every((s) => s.createdMs >= server.clock.now()));
    const newest = await sessionsOf({ sort: 'created:desc', pageSize: '1' });
    assert.equal(newest.sessions[0]?.sessionID, session.sessionID);
    const oldest = await sessionsOf({ sort: 'created:asc', pageSize: '1' });
    assert.notEqual(oldest.sessions[0]?.sessionID, session.sessionID);
    for (const field of ['ID', 'userID', 'expires', 'lastAction', 'created', 'updated', 'status']) {
      assert.equal((await list({ sort: `${field}:asc` })).statusCode, 200, field);
    }
    assertError(await list({ sort: 'secret:asc' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'sort',
    });
    assertError(await list({ 'filter[]': ['status:eq:sleeping'] }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'filter[]',
    });
    assertError(await list({ 'filter[]': ['ID:eq:usr-1'] }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'filter[]',
    });
    // Another project sees none of them.
    const other = await server.createProject('Other list');
    const foreign = await server.app.inject({
      method: 'GET',
      url: '/v2/sessions',
      headers: { authorization: other.authorization },
    });
    assert.equal(json<{ sessions: unknown[] }>(foreign).sessions.length, 0);
  });

  test('revoke through the Backend API; status filters follow the times', async () => {
    const login = await signedLogin(server);
    await postLogin(login.signedPasskeyData);
    const [session] = (await sessionsOf({ 'filter[]': [`userID:eq:${login.userID}`] })).sessions;
    assert.ok(session);
    assertOk(await post(`/v2/sessions/${session.sessionID}/revoke`), 'genericRsp');
    const [revoked] = (await sessionsOf({ 'filter[]': [`ID:eq:${session.sessionID}`] })).sessions;
    assert.equal(revoked?.status, 'revoked');
    assert.ok(
      (await sessionsOf({ 'filter[]': ['status:eq:revoked'] })).sessions.some(
        (s) => s.sessionID === session.sessionID,
      ),
    );
    assertOk(await post(`/v2/sessions/${session.sessionID}/revoke`), 'genericRsp');
    assertError(await post('/v2/sessions/ses-1234567890123456789/revoke'), {
      status: 404,
      code: 'SESSION_NOT_FOUND',
    });
    assertError(await post('/v2/sessions/nonsense/revoke'), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'sessionID',
    });
    const other = await server.createProject('Other revoke');
    assertError(await post(`/v2/sessions/${session.sessionID}/revoke`, {}, other.authorization), {
      status: 404,
      code: 'SESSION_NOT_FOUND',
    });

    const later = await signedLogin(server);
    await postLogin(later.signedPasskeyData);
    server.clock.advance(8 * 24 * 60 * 60 * 1000);
    const idle = await sessionsOf({
      'filter[]': [`userID:eq:${later.userID}`, 'status:eq:inactivity_reached'],
    });
    assert.equal(idle.sessions.length, 1);
    server.clock.advance(23 * 24 * 60 * 60 * 1000);
    const expired = await sessionsOf({
      'filter[]': [`userID:eq:${later.userID}`, 'status:eq:expired'],
    });
    assert.equal(expired.sessions.length, 1);
    assert.equal(
      (await sessionsOf({ 'filter[]': [`userID:eq:${later.userID}`, 'status:eq:active'] })).sessions
        .length,
      0,
    );
  });

  test('disabling a user through the Backend API revokes its sessions; deleting removes them', async () => {
    const login = await signedLogin(server);
    await postLogin(login.signedPasskeyData);
    const patched = await server.app.inject({
      method: 'PATCH',
      url: `/v2/users/${login.userID}`,
      headers: { authorization: server.authorization },
      payload: { status: 'disabled' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const sessions = (await sessionsOf({ 'filter[]': [`userID:eq:${login.userID}`] })).sessions;
    assert.deepEqual(
      sessions.map((s) => s.status),
      ['revoked'],
    );
    // A disabled user's passkey data yields no session.
    await server.app.inject({
      method: 'PATCH',
      url: `/v2/users/${login.userID}`,
      headers: { authorization: server.authorization },
      payload: { status: 'active' },
    });
    const again = await signedLogin(server, login);
    await server.app.inject({
      method: 'PATCH',
      url: `/v2/users/${login.userID}`,
      headers: { authorization: server.authorization },
      payload: { status: 'disabled' },
    });
    assertError(
      await post('/v2/passkey/postLogin', { signedPasskeyData: again.signedPasskeyData }),
      {
        status: 403,
        code: 'USER_NOT_ACTIVE',
      },
    );
    const deleted = await server.app.inject({
      method: 'DELETE',
      url: `/v2/users/${login.userID}`,
      headers: { authorization: server.authorization },
    });
    assert.equal(deleted.statusCode, 200);
    assert.equal(
      (await sessionsOf({ 'filter[]': [`userID:eq:${login.userID}`] })).sessions.length,
      0,
    );
  });
});
