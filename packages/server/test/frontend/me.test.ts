import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Messaging, OutgoingMail } from '../../src/core/messages/transports.js';
import { updateProject } from '../../src/core/projects/update-project.js';
import { assertError } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { testOrigin } from '../support/passkey-client.js';
import {
  claimsOf,
  type StartedSession,
  setCookies,
  startSession,
} from '../support/session-client.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';
import { createSoftwareAuthenticator } from '../support/webauthn/software-authenticator.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describeEachDatabase('Frontend API: /v2/me, refresh, logout, CORS and cookies', (kind) => {
  let server: TestServer;
  const mails: OutgoingMail[] = [];
  before(async () => {
    server = await createTestServer(kind, {
      messaging: (): Messaging => ({
        mail: {
          kind: 'test',
          send: async (mail) => {
            mails.push(mail);
          },
        },
        sms: { kind: 'test', send: async () => {} },
        defaultMailFrom: 'test@example.com',
      }),
    });
  });
  after(async () => server.close());

  const call = (
    method: Method,
    url: string,
    options: {
      token?: string;
      cookie?: string;
      payload?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) =>
    server.app.inject({
      method,
      url,
      headers: {
        // Tests below add projects: name this one, as Corbado's web SDK always does.
        'x-corbado-projectid': server.project.id,
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...(options.cookie && { cookie: options.cookie }),
        ...options.headers,
      },
      ...(options.payload !== undefined && { payload: options.payload as Record<string, unknown> }),
    });
  const me = async (session: StartedSession) =>
    json<{
      id: string;
      fullName: string;
      identifiers: { id: string; value: string; type: string; status: string }[];
    }>(await call('GET', '/v2/me', { token: session.sessionToken }));
  const refused = (response: LightMyRequestResponse, code = 'SESSION_INVALID') =>
    assertError(response, { status: 401, code });

  test('refresh as an app (Bearer): rotates, answers shortSession, sessionToken and longSession', async () => {
    const session = await startSession(server);
    server.clock.advance(60_000);
    const response = await call('POST', '/v2/me/refresh', { token: session.refreshToken });
    assert.equal(response.statusCode, 200, response.body);
    const body = json<{ shortSession: string; sessionToken: string; longSession: string }>(
      response,
    );
    assert.equal(body.shortSession, body.sessionToken);
    assert.equal(claimsOf(body.shortSession).sub, session.userID);
    assert.notEqual(body.longSession, session.refreshToken);
    assert.equal(response.headers['set-cookie'], undefined);
    // The new session token works; replaying the old refresh token ends everything.
    assert.equal((await call('GET', '/v2/me', { token: body.sessionToken })).statusCode, 200);
    refused(await call('POST', '/v2/me/refresh', { token: session.refreshToken }));
    refused(await call('POST', '/v2/me/refresh', { token: body.longSession }));
    refused(await call('GET', '/v2/me', { token: body.sessionToken }));
    refused(await call('POST', '/v2/me/refresh'), 'SESSION_MISSING');
  });

  test('refresh as a browser (cookie): httpOnly cookies scoped to /v2/me, not Secure on http://localhost', async () => {
    const session = await startSession(server);
    const response = await call('POST', '/v2/me/refresh', {
      cookie: `cbo_refresh_token=${session.refreshToken}`,
      headers: { origin: testOrigin },
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = json<Record<string, string>>(response);
    assert.equal(body.longSession, undefined, 'a prod project keeps it in the cookie');
    const cookies = setCookies(response);
    const refresh = cookies.get('cbo_refresh_token') ?? '';
    assert.match(refresh, /^cbo_refresh_token=lkr1_/);
    assert.match(refresh, /; Path=\/v2\/me/);
    assert.match(refresh, /; HttpOnly/);
    assert.match(refresh, /; SameSite=Lax/);
    assert.doesNotMatch(refresh, /Secure/);
    const sessionCookie = cookies.get('cbo_session_token') ?? '';
    assert.ok(sessionCookie.includes(body.sessionToken ?? '—'));
    // The cookie session token works for /v2/me.
    const cookieValue = sessionCookie.slice(0, sessionCookie.indexOf(';'));
    assert.equal((await call('GET', '/v2/me', { cookie: cookieValue })).statusCode, 200);
    // A dead refresh cookie is refused and cleared.
    const dead = await call('POST', '/v2/me/refresh', {
      cookie: `cbo_refresh_token=${session.refreshToken}`,
    });
    refused(dead);
    assert.match(setCookies(dead).get('cbo_refresh_token') ?? '', /Max-Age=0/);
  });

  test('dev projects also get longSession; https Frontend API URLs get Secure cookies', async () => {
    const other = await server.createProject('Dev');
    await updateProject(server.deps, other.project.id, {
      session: { environment: 'dev', cookieDomain: 'example.com', cookieSameSite: 'strict' },
      frontendApiUrl: 'https://auth.example.com',
    });
    const session = await startSession({ app: server.app, authorization: other.authorization });
    const response = await call('POST', '/v2/me/refresh', {
      cookie: `cbo_refresh_token=${session.refreshToken}`,
      headers: { 'x-corbado-projectid': other.project.id },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(json<{ longSession: string }>(response).longSession, /^lkr1_/);
    const refresh = setCookies(response).get('cbo_refresh_token') ?? '';
    assert.match(refresh, /; Secure/);
    assert.match(refresh, /; Domain=example.com/);
    assert.match(refresh, /; SameSite=Strict/);
    const config = json<Record<string, unknown>>(
      await call('GET', '/v2/session-config', {
        headers: { 'x-corbado-projectid': other.project.id },
      }),
    );
    assert.deepEqual(config, {
      useSessionManagement: true,
      shortSessionCookieConfig: {
        domain: 'example.com',
        secure: true,
        sameSite: 'strict',
        path: '/',
        lifetimeSeconds: 300,
      },
      frontendApiUrl: 'https://auth.example.com',
    });
  });

  test('logout by cookie or by session token; always 204; the session cannot refresh after', async () => {
    const a = await startSession(server);
    const out = await call('POST', '/v2/me/logout', {
      cookie: `cbo_refresh_token=${a.refreshToken}`,
    });
    assert.equal(out.statusCode, 204);
    assert.match(setCookies(out).get('cbo_refresh_token') ?? '', /Max-Age=0/);
    refused(await call('POST', '/v2/me/refresh', { token: a.refreshToken }));
    refused(await call('GET', '/v2/me', { token: a.sessionToken }));
    assert.equal((await call('POST', '/v2/me/logout', { token: a.refreshToken })).statusCode, 204);
    const b = await startSession(server);
    assert.equal((await call('POST', '/v2/me/logout', { token: b.sessionToken })).statusCode, 204);
    refused(await call('POST', '/v2/me/refresh', { token: b.refreshToken }));
    assert.equal((await call('POST', '/v2/me/logout')).statusCode, 204);
  });

  test('every /v2/me operation refuses no session, an expired one, another project’s, a revoked one', async () => {
    const operations: [Method, string, unknown?][] = [
      ['GET', '/v2/me'],
      ['PATCH', '/v2/me', { fullName: 'X' }],
      ['DELETE', '/v2/me'],
      ['GET', '/v2/me/passkeys'],
      ['POST', '/v2/me/passkeys/append/start', { clientInformation: {} }],
      [
        'POST',
        '/v2/me/passkeys/append/finish',
        { attestationResponse: '{}', clientInformation: {} },
      ],
      ['DELETE', '/v2/me/passkeys/cre-1234567890123456789'],
      ['POST', '/v2/me/identifier', { identifierType: 'email', value: 'x@example.com' }],
      [
        'PATCH',
        '/v2/me/identifier',
        { identifierID: 'ide-1', identifierType: 'username', value: 'x' },
      ],
      ['DELETE', '/v2/me/identifier', { identifierID: 'ide-1' }],
      ['POST', '/v2/me/identifier/verify/start', { identifierID: 'ide-1', clientInformation: {} }],
      ['POST', '/v2/me/identifier/verify/finish', { identifierID: 'ide-1', code: '123456' }],
    ];
    const live = await startSession(server);
    const expiring = await startSession(server);
    const revoked = await startSession(server);
    await server.app.inject({
      method: 'POST',
      url: `/v2/sessions/${claimsOf(revoked.sessionToken).sid}/revoke`,
      headers: { authorization: server.authorization },
    });
    const other = await server.createProject('Elsewhere');
    for (const [method, url, payload] of operations) {
      refused(await call(method, url, { payload }), 'SESSION_MISSING');
      refused(await call(method, url, { payload, token: 'not-a-jwt' }));
      refused(await call(method, url, { payload, token: revoked.sessionToken }));
      // A valid token of this project, presented to another project.
      refused(
        await call(method, url, {
          payload,
          token: live.sessionToken,
          headers: { 'x-corbado-projectid': other.project.id },
        }),
      );
    }
    server.clock.advance(5 * 60 * 1000 + 11_000);
    for (const [method, url, payload] of operations) {
      refused(await call(method, url, { payload, token: expiring.sessionToken }));
    }
    const response = await call('GET', '/v2/me');
    assert.match(String(response.headers['www-authenticate']), /^Bearer /);
  });

  test('profile: get, update the full name, delete (ending the sessions)', async () => {
    const session = await startSession(server);
    const profile = await me(session);
    assert.equal(profile.id, session.userID);
    assert.equal(profile.fullName, 'Ada Lovelace');
    const patched = await call('PATCH', '/v2/me', {
      token: session.sessionToken,
      payload: { fullName: 'Ada King' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal((await me(session)).fullName, 'Ada King');
    assertError(await call('PATCH', '/v2/me', { token: session.sessionToken, payload: {} }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'fullName',
    });
    const refreshed = json<{ sessionToken: string }>(
      await call('POST', '/v2/me/refresh', { token: session.refreshToken }),
    );
    assert.equal(claimsOf(refreshed.sessionToken).name, 'Ada King');
    const deleted = await call('DELETE', '/v2/me', { token: refreshed.sessionToken });
    assert.equal(deleted.statusCode, 200, deleted.body);
    refused(await call('GET', '/v2/me', { token: refreshed.sessionToken }));
    const user = await server.app.inject({
      method: 'GET',
      url: `/v2/users/${session.userID}`,
      headers: { authorization: server.authorization },
    });
    assert.equal(user.statusCode, 404);
  });

  test('passkeys: list, append, delete; the last way to sign in cannot be deleted', async () => {
    const session = await startSession(server);
    const list = async () =>
      json<{ passkeys: { id: string; credentialID: string }[]; paging: { totalItems: number } }>(
        await call('GET', '/v2/me/passkeys', { token: session.sessionToken }),
      );
    const [first] = (await list()).passkeys;
    assert.ok(first);
    // spec_v2.yaml `passkey`: the Backend API's extra members stay out.
    assert.deepEqual(Object.keys(first).sort(), [
      'aaguidDetails',
      'attestationType',
      'authenticatorAAGUID',
      'backupEligible',
      'backupState',
      'created',
      'credentialID',
      'id',
      'lastUsed',
      'sourceBrowser',
      'sourceOS',
      'status',
      'transport',
    ]);
    assertError(
      await call('DELETE', `/v2/me/passkeys/${first.id}`, { token: session.sessionToken }),
      {
        status: 409,
        code: 'LAST_LOGIN_METHOD',
      },
    );
    assert.equal((await list()).passkeys.length, 1, 'the refused delete changed nothing');

    const start = await call('POST', '/v2/me/passkeys/append/start', {
      token: session.sessionToken,
      payload: { clientInformation: { isUserVerifyingPlatformAuthenticatorAvailable: true } },
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36' },
    });
    assert.equal(start.statusCode, 200, start.body);
    const options = JSON.parse(json<{ attestationOptions: string }>(start).attestationOptions);
    const second = createSoftwareAuthenticator();
    const credential = second.createCredential(options, { origin: testOrigin });
    const finish = await call('POST', '/v2/me/passkeys/append/finish', {
      token: session.sessionToken,
      payload: { attestationResponse: JSON.stringify(credential), clientInformation: {} },
    });
    assert.equal(finish.statusCode, 200, finish.body);
    assert.equal((await list()).passkeys.length, 2);

    const removed = await call('DELETE', `/v2/me/passkeys/${first.id}`, {
      token: session.sessionToken,
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(json(removed), { id: first.id });
    assertError(
      await call('DELETE', `/v2/me/passkeys/${first.id}`, { token: session.sessionToken }),
      {
        status: 404,
        code: 'CREDENTIAL_NOT_FOUND',
      },
    );
    // Another user's passkey is not found either.
    const stranger = await startSession(server);
    const [theirs] = json<{ passkeys: { id: string }[] }>(
      await call('GET', '/v2/me/passkeys', { token: stranger.sessionToken }),
    ).passkeys;
    assertError(
      await call('DELETE', `/v2/me/passkeys/${theirs?.id}`, { token: session.sessionToken }),
      {
        status: 404,
        code: 'CREDENTIAL_NOT_FOUND',
      },
    );
    assertError(await call('DELETE', '/v2/me/passkeys/nonsense', { token: session.sessionToken }), {
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });

  test('identifiers: add, verify by email code, change the username, delete', async () => {
    const session = await startSession(server);
    const token = session.sessionToken;
    const added = await call('POST', '/v2/me/identifier', {
      token,
      payload: { identifierType: 'email', value: ' Ada@Example.com ' },
    });
    assert.equal(added.statusCode, 200, added.body);
    const email = (await me(session)).identifiers.find((i) => i.type === 'email');
    assert.equal(email?.value, 'ada@example.com');
    assert.equal(email?.status, 'pending');
    assertError(
      await call('POST', '/v2/me/identifier', {
        token,
        payload: { identifierType: 'email', value: 'ada@example.com' },
      }),
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'value',
      },
    );
    assertError(
      await call('POST', '/v2/me/identifier', {
        token,
        payload: { identifierType: 'fax', value: '1' },
      }),
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'identifierType',
      },
    );

    const verifyStart = await call('POST', '/v2/me/identifier/verify/start', {
      token,
      payload: { identifierID: email?.id, clientInformation: {} },
    });
    assert.equal(verifyStart.statusCode, 200, verifyStart.body);
    const code = /\b(\d{6})\b/.exec(mails.at(-1)?.text ?? '')?.[1];
    assert.ok(code);
    assertError(
      await call('POST', '/v2/me/identifier/verify/finish', {
        token,
        payload: { identifierID: email?.id, code: code === '000000' ? '111111' : '000000' },
      }),
      { status: 400, code: 'CHALLENGE_CODE_INVALID' },
    );
    const verified = await call('POST', '/v2/me/identifier/verify/finish', {
      token,
      payload: { identifierID: email?.id, code },
    });
    assert.equal(verified.statusCode, 200, verified.body);
    assert.equal(
      (await me(session)).identifiers.find((i) => i.id === email?.id)?.status,
      'verified',
    );

    // Another user's address: the same answer, and nothing is added.
    const stranger = await startSession(server);
    const taken = await call('POST', '/v2/me/identifier', {
      token: stranger.sessionToken,
      payload: { identifierType: 'email', value: 'ada@example.com' },
    });
    assert.equal(taken.statusCode, 200, taken.body);
    assert.equal((await me(stranger)).identifiers.length, 0);

    // Usernames change by replacement (a new ID); other types cannot be changed.
    await call('POST', '/v2/me/identifier', {
      token,
      payload: { identifierType: 'username', value: 'ada' },
    });
    const username = (await me(session)).identifiers.find((i) => i.type === 'username');
    assert.ok(username);
    const renamed = await call('PATCH', '/v2/me/identifier', {
      token,
      payload: { identifierID: username.id, identifierType: 'username', value: 'countess' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const after = (await me(session)).identifiers.find((i) => i.type === 'username');
    assert.equal(after?.value, 'countess');
    assert.notEqual(after?.id, username.id);
    assertError(
      await call('PATCH', '/v2/me/identifier', {
        token,
        payload: { identifierID: email?.id, identifierType: 'email', value: 'b@example.com' },
      }),
      { status: 400, code: 'VALIDATION_FAILED', field: 'identifierType' },
    );
    assertError(
      await call('POST', '/v2/me/identifier/verify/start', {
        token,
        payload: { identifierID: after?.id, clientInformation: {} },
      }),
      { status: 400, code: 'VALIDATION_FAILED', field: 'identifierID' },
    );

    // With a verified email the passkey may go; then the email is the last way in.
    const [passkey] = json<{ passkeys: { id: string }[] }>(
      await call('GET', '/v2/me/passkeys', { token }),
    ).passkeys;
    assert.equal(
      (await call('DELETE', `/v2/me/passkeys/${passkey?.id}`, { token })).statusCode,
      200,
    );
    assertError(
      await call('DELETE', '/v2/me/identifier', { token, payload: { identifierID: email?.id } }),
      {
        status: 409,
        code: 'LAST_LOGIN_METHOD',
      },
    );
    // A username is no way to sign in on its own, so it may go.
    const dropped = await call('DELETE', '/v2/me/identifier', {
      token,
      payload: { identifierID: after?.id },
    });
    assert.equal(dropped.statusCode, 200, dropped.body);
    assertError(
      await call('DELETE', '/v2/me/identifier', { token, payload: { identifierID: after?.id } }),
      {
        status: 404,
        code: 'IDENTIFIER_NOT_FOUND',
      },
    );
    assertError(
      await call('DELETE', '/v2/me/identifier', { token, payload: { identifierID: 'x' } }),
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'identifierID',
      },
    );
  });

  test('CORS: exactly the project’s origins, with credentials; preflights answered; others refused', async () => {
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/v2/me/refresh',
      headers: {
        'x-corbado-projectid': server.project.id,
        origin: testOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(preflight.statusCode, 204, preflight.body);
    assert.equal(preflight.headers['access-control-allow-origin'], testOrigin);
    assert.equal(preflight.headers['access-control-allow-credentials'], 'true');
    assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);
    assert.match(String(preflight.headers['access-control-allow-headers']), /content-type/);
    const foreign = await server.app.inject({
      method: 'OPTIONS',
      url: '/v2/me',
      headers: {
        'x-corbado-projectid': server.project.id,
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
      },
    });
    assertError(foreign, { status: 403, code: 'ORIGIN_NOT_ALLOWED' });
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
    const session = await startSession(server);
    // A cross-site request riding on the cookie is refused before anything happens.
    const riding = await call('POST', '/v2/me/logout', {
      cookie: `cbo_refresh_token=${session.refreshToken}`,
      headers: { origin: 'https://evil.example' },
    });
    assertError(riding, { status: 403, code: 'ORIGIN_NOT_ALLOWED' });
    assert.equal(
      (await call('POST', '/v2/me/refresh', { token: session.refreshToken })).statusCode,
      200,
    );
    const allowed = await call('GET', '/v2/session-config', { headers: { origin: testOrigin } });
    assert.equal(allowed.headers['access-control-allow-origin'], testOrigin);
    assert.equal((await call('GET', '/v2/user-details-config')).statusCode, 200);
  });

  test('CORS on a server with several projects: a preflight names none and passes for an origin some project allows', async () => {
    const other = await server.createProject('Second for CORS');
    const otherOrigin = 'http://shop.localhost:3000';
    await updateProject(server.deps, other.project.id, { origins: [otherOrigin] });
    assert.ok(!server.project.allowedOrigins.includes(otherOrigin));
    const request = (
      method: 'OPTIONS' | 'GET',
      origin: string,
      headers: Record<string, string> = {},
    ) =>
      server.app.inject({
        method,
        url: method === 'OPTIONS' ? '/v2/me' : '/v2/session-config',
        headers: {
          origin,
          ...(method === 'OPTIONS' && {
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'x-corbado-projectid',
          }),
          ...headers,
        },
      });
    // The browser's preflight carries no header values: it cannot say which project.
    for (const origin of [testOrigin, otherOrigin]) {
      const answer = await request('OPTIONS', origin);
      assert.equal(answer.statusCode, 204, `${origin}: ${answer.body}`);
      assert.equal(answer.headers['access-control-allow-origin'], origin);
      assert.match(String(answer.headers['access-control-allow-headers']), /x-corbado-projectid/);
    }
    const foreign = await request('OPTIONS', 'https://evil.example');
    assertError(foreign, { status: 403, code: 'ORIGIN_NOT_ALLOWED' });
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
    // A preflight that names a project is held to that project's origins.
    const named = await request('OPTIONS', otherOrigin, {
      'x-corbado-projectid': server.project.id,
    });
    assertError(named, { status: 403, code: 'ORIGIN_NOT_ALLOWED' });
    const unknown = await request('OPTIONS', testOrigin, { 'x-corbado-projectid': 'pro-1' });
    assertError(unknown, { status: 404, code: 'PROJECT_NOT_FOUND' });
    // The real request must name its project and is checked against that project's origins.
    assertError(await request('GET', testOrigin), { status: 404, code: 'PROJECT_NOT_FOUND' });
    const crossed = await request('GET', otherOrigin, { 'x-corbado-projectid': server.project.id });
    assertError(crossed, { status: 403, code: 'ORIGIN_NOT_ALLOWED' });
    const own = await request('GET', otherOrigin, { 'x-corbado-projectid': other.project.id });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.headers['access-control-allow-origin'], otherOrigin);
  });
});
