import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { updateProject } from '../../src/core/projects/update-project.js';
import { verifySessionToken } from '../../src/core/sessions/verify-session-token.js';
import { assertError } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { claimsOf, type StartedSession, startSession } from '../support/session-client.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

/*
 * The hosted pages' session handoff (docs/hosted-pages.md): a signed-in hosted page asks
 * POST /v2/hosted/code (Frontend API) for a one-time code bound to a redirect URI; the
 * application's backend exchanges it at POST /v2/hosted/exchange (Backend API, Basic auth).
 */

const callback = 'https://app.example.com/auth/callback';

describeEachDatabase('Hosted pages: one-time code handoff', (kind) => {
  let server: TestServer;
  let signedIn: StartedSession;

  before(async () => {
    server = await createTestServer(kind);
    await updateProject(server.deps, server.project.id, {
      allowedRedirectUrls: [callback, 'http://localhost:3000/callback'],
    });
    signedIn = await startSession(server);
  });
  after(async () => {
    await server.close();
  });

  const issue = (body: Record<string, unknown>, token = signedIn.sessionToken) =>
    server.app.inject({
      method: 'POST',
      url: '/v2/hosted/code',
      headers: { authorization: `Bearer ${token}`, 'x-corbado-projectid': server.project.id },
      payload: body,
    });

  const exchange = (body: Record<string, unknown>, authorization = server.authorization) =>
    server.app.inject({
      method: 'POST',
      url: '/v2/hosted/exchange',
      headers: { authorization },
      payload: body,
    });

  /** A fresh code for `redirectURI`, from the redirect URL the page would follow. */
  const codeFor = async (redirectURI = callback, state?: string) => {
    const response = await issue({ redirectURI, ...(state !== undefined && { state }) });
    assert.equal(response.statusCode, 200, response.body);
    const body = json<{ redirectURL: string; expiresMs: number }>(response);
    const url = new URL(body.redirectURL);
    return { code: url.searchParams.get('code') ?? '', url, expiresMs: body.expiresMs };
  };

  test('a code is issued into the redirect URI, with state, and lives 60 s', async () => {
    const { code, url, expiresMs } = await codeFor(`${callback}?next=%2Forders`, 'xyz-123');
    assert.equal(`${url.origin}${url.pathname}`, callback);
    assert.equal(url.searchParams.get('next'), '/orders');
    assert.equal(url.searchParams.get('state'), 'xyz-123');
    assert.match(code, /^lkc1_[0-9A-Za-z]{43}$/);
    assert.equal(expiresMs, server.clock.now() + 60_000);
  });

  test('only the hash of a code is stored', async () => {
    const { code } = await codeFor();
    const rows = await server.deps.db.selectFrom('hosted_codes').selectAll().execute();
    assert.ok(rows.length > 0);
    for (const row of rows) assert.ok(!JSON.stringify(row).includes(code.slice(5)));
  });

  test('the exchange gives a new session of the user; the session token verifies', async () => {
    const { code } = await codeFor();
    const response = await exchange({ code, redirectURI: callback });
    assert.equal(response.statusCode, 200, response.body);
    const body = json<{
      sessionToken: string;
      sessionTokenExpiresMs: number;
      longSession: string;
      sessionID: string;
      userID: string;
    }>(response);
    assert.equal(body.userID, signedIn.userID);
    assert.match(body.longSession, /^lkr1_/);
    const claims = claimsOf(body.sessionToken);
    assert.equal(claims.sub, signedIn.userID);
    assert.equal(claims.sid, body.sessionID);
    // A session of its own: not the hosted page's.
    assert.notEqual(claims.sid, claimsOf(signedIn.sessionToken).sid);
    const verified = await verifySessionToken(
      { ...server.deps, publicUrl: () => 'http://localhost:8080' },
      server.project,
      body.sessionToken,
    );
    assert.equal(verified.user.id, signedIn.userID);
  });

  test('a replayed code is refused, and two exchanges at once give one session', async () => {
    const { code } = await codeFor();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => exchange({ code, redirectURI: callback })),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 400, 400, 400, 400]);
    for (const refused of results.filter((r) => r.statusCode !== 200)) {
      assertError(refused, { status: 400, code: 'HOSTED_CODE_INVALID', field: 'code' });
    }
    assertError(await exchange({ code, redirectURI: callback }), {
      status: 400,
      code: 'HOSTED_CODE_INVALID',
    });
  });

  test('an expired code is refused (60 s)', async () => {
    const { code } = await codeFor();
    server.clock.advance(60_000);
    assertError(await exchange({ code, redirectURI: callback }), {
      status: 400,
      code: 'HOSTED_CODE_INVALID',
      field: 'code',
    });
    const fresh = await codeFor();
    server.clock.advance(59_000);
    assert.equal((await exchange({ code: fresh.code, redirectURI: callback })).statusCode, 200);
  });

  test('a code exchanged for another redirect URI is refused, and is gone after that', async () => {
    const { code } = await codeFor('http://localhost:3000/callback');
    assertError(await exchange({ code, redirectURI: callback }), {
      status: 400,
      code: 'HOSTED_CODE_INVALID',
    });
    assertError(await exchange({ code, redirectURI: 'http://localhost:3000/callback' }), {
      status: 400,
      code: 'HOSTED_CODE_INVALID',
    });
    // The query is part of the binding too.
    const withQuery = await codeFor(`${callback}?a=1`);
    assertError(await exchange({ code: withQuery.code, redirectURI: callback }), {
      status: 400,
      code: 'HOSTED_CODE_INVALID',
    });
  });

  test("another project's secret cannot exchange the code, and does not use it up", async () => {
    const other = await server.createProject('Other');
    const { code } = await codeFor();
    assertError(await exchange({ code, redirectURI: callback }, other.authorization), {
      status: 400,
      code: 'HOSTED_CODE_INVALID',
    });
    assert.equal((await exchange({ code, redirectURI: callback })).statusCode, 200);
  });

  test('the exchange needs the Backend API secret', async () => {
    const { code } = await codeFor();
    assertError(
      await server.app.inject({
        method: 'POST',
        url: '/v2/hosted/exchange',
        payload: { code, redirectURI: callback },
      }),
      { status: 401, code: 'AUTH_MISSING' },
    );
  });

  test('bad exchange input gets 400 naming the field', async () => {
    assertError(await exchange({ redirectURI: callback }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'code',
    });
    assertError(await exchange({ code: 'lkc1_x' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'redirectURI',
    });
    assertError(await exchange({ code: 'not-a-code', redirectURI: callback }), {
      status: 400,
      code: 'HOSTED_CODE_INVALID',
    });
  });

  const storedCodes = async () =>
    (await server.deps.db.selectFrom('hosted_codes').select('code_hash').execute()).length;

  test('a code is issued only to a signed-in page, and only for an allowed redirect URI', async () => {
    const before = await storedCodes();
    assertError(
      await server.app.inject({
        method: 'POST',
        url: '/v2/hosted/code',
        headers: { 'x-corbado-projectid': server.project.id },
        payload: { redirectURI: callback },
      }),
      { status: 401, code: 'SESSION_MISSING' },
    );
    assertError(await issue({ redirectURI: callback }, `${signedIn.sessionToken}x`), {
      status: 401,
      code: 'SESSION_INVALID',
    });
    for (const redirectURI of [
      'https://evil.example/auth/callback',
      'https://app.example.com/auth/callback/more',
      'https://app.example.com/auth/../auth/callback/../x',
      'https://app.example.com.evil.example/auth/callback',
      'https://app.example.com@evil.example/auth/callback',
      `${callback}#fragment`,
    ]) {
      assertError(await issue({ redirectURI }), {
        status: 400,
        code: 'REDIRECT_URI_NOT_ALLOWED',
        field: 'redirect_uri',
        label: redirectURI,
      });
    }
    for (const redirectURI of ['javascript:alert(1)', '//evil.example/auth/callback', '/x']) {
      assertError(await issue({ redirectURI }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'redirect_uri',
        label: redirectURI,
      });
    }
    assert.equal(await storedCodes(), before, 'a refused request stores no code');
  });

  test('a page on a foreign origin cannot ask for a code (CORS refuses it)', async () => {
    assertError(
      await server.app.inject({
        method: 'POST',
        url: '/v2/hosted/code',
        headers: {
          authorization: `Bearer ${signedIn.sessionToken}`,
          'x-corbado-projectid': server.project.id,
          origin: 'https://evil.example',
        },
        payload: { redirectURI: callback },
      }),
      { status: 403, code: 'ORIGIN_NOT_ALLOWED' },
    );
  });

  test('one session gets at most 30 codes a minute', async () => {
    const busy = await startSession(server);
    for (let i = 0; i < 30; i++) {
      assert.equal((await issue({ redirectURI: callback }, busy.sessionToken)).statusCode, 200);
    }
    const limited = await issue({ redirectURI: callback }, busy.sessionToken);
    assertError(limited, { status: 429, code: 'RATE_LIMITED' });
    assert.ok(Number(limited.headers['retry-after']) > 0);
    server.clock.advance(60_000);
    assert.equal((await issue({ redirectURI: callback }, busy.sessionToken)).statusCode, 200);
  });

  test('a code of a user who was disabled meanwhile gives no session', async () => {
    const other = await startSession(server);
    const response = await issue({ redirectURI: callback }, other.sessionToken);
    const code = new URL(json<{ redirectURL: string }>(response).redirectURL).searchParams.get(
      'code',
    );
    const disabled = await server.app.inject({
      method: 'PATCH',
      url: `/v2/users/${other.userID}`,
      headers: { authorization: server.authorization },
      payload: { status: 'disabled' },
    });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assertError(await exchange({ code, redirectURI: callback }), {
      status: 403,
      code: 'USER_NOT_ACTIVE',
    });
  });
});
