import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { updateProject } from '../../../packages/server/src/core/projects/update-project.js';
import { describeEachDatabase } from '../../../packages/server/test/support/databases.js';
import {
  type StartedSession,
  startSession,
} from '../../../packages/server/test/support/session-client.js';
import {
  createTestServer,
  type TestServer,
} from '../../../packages/server/test/support/test-server.js';
import { createDemoApp } from '../src/demo-app.js';
import { createLatchkeyBackend } from '../src/latchkey-backend.js';
import { createSessionVerifier } from '../src/session-verifier.js';

/*
 * The demo against a real, listening Latchkey: the sign-in happens through the Backend API
 * (a software authenticator), and the hosted page's handoff is the same request its script
 * makes (POST /v2/hosted/code with the session token). The browser round trip is in
 * hosted-round-trip-browser.test.ts.
 */

describeEachDatabase('Demo: hosted login code exchange and JWT verification', (kind) => {
  let latchkey: TestServer;
  let latchkeyUrl = '';
  let demo: Server;
  let demoUrl = '';
  let signedIn: StartedSession;

  /** The demo's verifier, at the given time (Latchkey's fixed clock in these tests). */
  const verifierAt = (now: () => number, issuer = latchkeyUrl) =>
    createSessionVerifier({
      jwksUrl: `${latchkeyUrl}/.well-known/jwks`,
      projectId: latchkey.project.id,
      issuer,
      currentDate: () => new Date(now()),
    });

  before(async () => {
    latchkey = await createTestServer(kind, {
      startMs: Date.now(),
      publicUrl: () => latchkeyUrl,
    });
    latchkeyUrl = await latchkey.listen();
    const build = (publicUrl: string) =>
      createDemoApp({
        publicUrl,
        hostedPagesUrl: latchkeyUrl,
        projectId: latchkey.project.id,
        latchkey: createLatchkeyBackend({
          baseUrl: latchkeyUrl,
          projectId: latchkey.project.id,
          apiSecret: latchkey.apiSecret,
        }),
        verifySession: verifierAt(() => latchkey.clock.now()),
      });
    // The demo's URL is known once it listens (port 0); the app is built for that URL.
    const probe = build('http://127.0.0.1');
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    demoUrl = `http://127.0.0.1:${port}`;
    demo = build(demoUrl);
    await new Promise<void>((resolve) => demo.listen(port, '127.0.0.1', resolve));
    await updateProject(latchkey.deps, latchkey.project.id, {
      allowedRedirectUrls: [`${demoUrl}/callback`, `${demoUrl}/elsewhere`],
    });
    signedIn = await startSession(latchkey);
  });
  after(async () => {
    await new Promise((resolve) => demo.close(resolve));
    await latchkey.close();
  });

  const demoGet = (path: string, cookie = '') =>
    fetch(`${demoUrl}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const cookieOf = (response: Response, name: string) =>
    response.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${name}=`))
      ?.split(';')[0];

  /** The demo's /login: where it sends the browser, and the state cookie it sets. */
  const startLogin = async () => {
    const response = await demoGet('/login');
    assert.equal(response.status, 303);
    const hosted = new URL(response.headers.get('location') ?? '');
    const stateCookie = cookieOf(response, 'demo_state');
    assert.ok(stateCookie);
    return { hosted, stateCookie };
  };

  /** What the hosted page's script does once signed in: a code for the redirect. */
  const handOff = async (
    redirectURI: string,
    state: string,
    sessionToken = signedIn.sessionToken,
    projectId = latchkey.project.id,
  ) => {
    const response = await fetch(`${latchkeyUrl}/v2/hosted/code`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-corbado-projectid': projectId,
        authorization: `Bearer ${sessionToken}`,
      },
      body: JSON.stringify({ redirectURI, state }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return new URL(((await response.json()) as { redirectURL: string }).redirectURL);
  };

  test('sign-in round trip: /login → hosted page → code → /callback → protected page', async () => {
    const { hosted, stateCookie } = await startLogin();
    assert.equal(`${hosted.origin}${hosted.pathname}`, `${latchkeyUrl}/login`);
    assert.equal(hosted.searchParams.get('projectID'), latchkey.project.id);
    assert.equal(hosted.searchParams.get('redirect_uri'), `${demoUrl}/callback`);
    const state = hosted.searchParams.get('state') ?? '';
    assert.equal(stateCookie, `demo_state=${state}`);

    const back = await handOff(`${demoUrl}/callback`, state);
    const callback = await demoGet(`${back.pathname}${back.search}`, stateCookie);
    assert.equal(callback.status, 303, await callback.text());
    assert.equal(callback.headers.get('location'), '/protected');
    const session = cookieOf(callback, 'demo_session');
    assert.ok(session);
    assert.match(
      callback.headers.getSetCookie().join('\n'),
      /demo_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/,
    );

    const protectedPage = await demoGet('/protected', session);
    assert.equal(protectedPage.status, 200);
    const html = await protectedPage.text();
    assert.match(html, new RegExp(`<code id="user-id">${signedIn.userID}</code>`));
    // Without the cookie there is nothing to see.
    const anonymous = await demoGet('/protected');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/');
  });

  test('a replayed code is refused', async () => {
    const { hosted, stateCookie } = await startLogin();
    const back = await handOff(`${demoUrl}/callback`, hosted.searchParams.get('state') ?? '');
    const path = `${back.pathname}${back.search}`;
    assert.equal((await demoGet(path, stateCookie)).status, 303);
    const replay = await demoGet(path, stateCookie);
    assert.equal(replay.status, 400);
    assert.match(await replay.text(), /HOSTED_CODE_INVALID/);
  });

  test('an expired code is refused', async () => {
    const { hosted, stateCookie } = await startLogin();
    const back = await handOff(`${demoUrl}/callback`, hosted.searchParams.get('state') ?? '');
    latchkey.clock.advance(61_000);
    const late = await demoGet(`${back.pathname}${back.search}`, stateCookie);
    assert.equal(late.status, 400);
    assert.match(await late.text(), /HOSTED_CODE_INVALID/);
  });

  test('a code issued for another redirect URI is refused', async () => {
    const { hosted, stateCookie } = await startLogin();
    const state = hosted.searchParams.get('state') ?? '';
    const elsewhere = await handOff(`${demoUrl}/elsewhere`, state);
    const code = elsewhere.searchParams.get('code') ?? '';
    const response = await demoGet(`/callback?code=${code}&state=${state}`, stateCookie);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /HOSTED_CODE_INVALID/);
  });

  test("another project's code is refused", async () => {
    const other = await latchkey.createProject('Other app');
    await updateProject(latchkey.deps, other.project.id, {
      allowedRedirectUrls: [`${demoUrl}/callback`],
    });
    const otherSession = await startSession({
      app: latchkey.app,
      authorization: other.authorization,
    });
    const { hosted, stateCookie } = await startLogin();
    const state = hosted.searchParams.get('state') ?? '';
    const back = await handOff(
      `${demoUrl}/callback`,
      state,
      otherSession.sessionToken,
      other.project.id,
    );
    const response = await demoGet(`${back.pathname}${back.search}`, stateCookie);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /HOSTED_CODE_INVALID/);
  });

  test('a callback without the matching state cookie is refused before any exchange', async () => {
    const { hosted } = await startLogin();
    const state = hosted.searchParams.get('state') ?? '';
    const back = await handOff(`${demoUrl}/callback`, state);
    const path = `${back.pathname}${back.search}`;
    assert.equal((await demoGet(path)).status, 400);
    assert.equal((await demoGet(path, 'demo_state=someone-elses')).status, 400);
    // The code was not spent: the right browser still gets in.
    assert.equal((await demoGet(path, `demo_state=${state}`)).status, 303);
  });

  test('the protected page verifies the JWT: tampered, foreign and expired tokens are refused', async () => {
    const verify = verifierAt(() => latchkey.clock.now());
    const fresh = await startSession(latchkey);
    const claims = await verify(fresh.sessionToken);
    assert.equal(claims?.sub, fresh.userID);
    const [header, payload, signature] = fresh.sessionToken.split('.') as [string, string, string];
    const forged = Buffer.from(payload, 'base64url').toString().replace(fresh.userID, 'usr-1');
    const tampered = `${header}.${Buffer.from(forged).toString('base64url')}.${signature}`;
    assert.equal(await verify(tampered), undefined);
    assert.equal(await verify(`${header}.${payload}.${signature.slice(0, -4)}AAAA`), undefined);
    const wrongIssuer = verifierAt(() => latchkey.clock.now(), 'https://someone-else.example');
    assert.equal(await wrongIssuer(fresh.sessionToken), undefined);
    // Session tokens live 5 minutes.
    const later = verifierAt(() => latchkey.clock.now() + 10 * 60_000);
    assert.equal(await later(fresh.sessionToken), undefined);
    // Another project's token: signed by a key this project's JWKS does not have.
    const other = await latchkey.createProject('Yet another app');
    const foreign = await startSession({ app: latchkey.app, authorization: other.authorization });
    assert.equal(await verify(foreign.sessionToken), undefined);
    for (const token of [tampered, 'not-a-jwt']) {
      const response = await demoGet('/protected', `demo_session=${token}`);
      assert.equal(response.status, 303);
    }
  });
});
