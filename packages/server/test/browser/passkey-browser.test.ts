import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createProject } from '../../src/core/projects/create-project.js';
import { createApiSecret } from '../../src/core/secrets/create-api-secret.js';
import { assertOk } from '../support/backend-assertions.js';
import {
  type AuthenticatorPage,
  authenticatorCredentials,
  chromiumSkipReason,
  launchChromium,
  openAuthenticatorPage,
} from '../support/browser/chromium.js';
import { startTestBackend, type TestBackend } from '../support/browser/test-backend.js';
import { describeEachDatabase } from '../support/databases.js';
import { assertMatchesSpec } from '../support/spec-schemas.js';
import { basicAuth, createTestServer, type TestServer } from '../support/test-server.js';

/*
 * The real-browser test of the passkey engine: Debian's Chromium (playwright-core, headless)
 * with a CDP virtual authenticator opens a small sign-in page served by a test backend, which
 * calls a listening Latchkey's Backend API with the project's API secret, like a customer's
 * backend. The page passes Latchkey's options to navigator.credentials.create/get through
 * Chromium's own JSON parsers and posts `credential.toJSON()` back, so these tests catch any
 * option or response the browser and the engine disagree on.
 *
 * Test names carry `[chromium]`: with LATCHKEY_REQUIRE_CHROMIUM=1 (CI) the runner fails unless
 * some of them passed. Without Chromium they are skipped locally and fail in CI.
 */

const skip = chromiumSkipReason();

/** The Backend API schema each proxied call's response must match. */
const responseSchemas: Record<string, string> = {
  '/users': 'user',
  '/passkey/append/start': 'passkeyAppendStartRsp',
  '/passkey/append/finish': 'passkeyAppendFinishRsp',
  '/passkey/login/start': 'passkeyLoginStartRsp',
  '/passkey/login/finish': 'passkeyLoginFinishRsp',
  '/passkey/mediation/start': 'passkeyMediationStartRsp',
  '/passkey/mediation/finish': 'passkeyMediationFinishRsp',
};

interface PasskeyData {
  id: string;
  userID: string;
  username: string;
  ceremonyType: string;
  challengeID: string;
}

interface CeremonyResult {
  appendAllow?: boolean;
  loginAllow?: boolean;
  attestationOptions?: string;
  assertionOptions?: string;
  passkeyData?: PasskeyData;
  signedPasskeyData?: string;
}

type PageOutcome = { state: 'done'; result: CeremonyResult } | { state: 'error'; error: unknown };

/** Waits for the page's <output> to report the ceremony's outcome. */
async function outcome(target: AuthenticatorPage): Promise<PageOutcome> {
  const output = target.page.locator('#result[data-state]');
  await output.waitFor();
  const state = await output.getAttribute('data-state');
  const value = JSON.parse((await output.textContent()) ?? 'null') as unknown;
  return state === 'done'
    ? { state: 'done', result: value as CeremonyResult }
    : { state: 'error', error: value };
}

/** The page's ceremony must have succeeded; returns its result. */
function succeeded(value: PageOutcome, what: string): CeremonyResult {
  assert.equal(value.state, 'done', `${what} failed in the page: ${JSON.stringify(value)}`);
  return (value as { result: CeremonyResult }).result;
}

/** The `publicKey` member of Latchkey's options text. */
function publicKeyOf(optionsText: string | undefined): Record<string, unknown> {
  assert.equal(typeof optionsText, 'string', 'options missing');
  const options = JSON.parse(optionsText as string) as { publicKey?: Record<string, unknown> };
  assert.ok(options.publicKey, `options without publicKey: ${optionsText}`);
  return options.publicKey;
}

function optionsCredentialIds(publicKey: Record<string, unknown>, member: string): string[] {
  const list = publicKey[member] as Array<{ id: string }> | undefined;
  return (list ?? []).map((descriptor) => descriptor.id);
}

describeEachDatabase('Passkeys in Chromium through a customer backend', (kind) => {
  let server: TestServer | undefined;
  let backend: TestBackend | undefined;
  let browser: Browser | undefined;
  /** Basic auth of the browser project's API secret, for the test's own API calls. */
  let authorization = '';
  const pages: AuthenticatorPage[] = [];

  before(async () => {
    if (skip) return;
    browser = await launchChromium();
    server = await createTestServer(kind);
    const apiUrl = await server.listen();
    backend = await startTestBackend(apiUrl);
    // The page's origin is known only now: a project whose origins hold exactly it, so the
    // RP ID is `localhost` and the engine expects this origin in clientDataJSON.
    const project = await createProject(server.deps, {
      name: 'Browser demo',
      origins: [backend.origin],
    });
    const secret = await createApiSecret(server.deps, project.id);
    backend.useProject(project.id, secret.apiSecret);
    authorization = basicAuth(project.id, secret.apiSecret);
  });

  after(async () => {
    for (const target of pages) await target.close();
    await browser?.close();
    await backend?.close();
    await server?.close();
  });

  /** A new tab with its own virtual authenticator, on the sign-in page. */
  async function openPage(query = ''): Promise<AuthenticatorPage> {
    assert.ok(browser && backend);
    const target = await openAuthenticatorPage(browser);
    pages.push(target);
    await target.page.goto(`${backend.origin}/${query}`);
    return target;
  }

  async function register(target: AuthenticatorPage, username: string): Promise<PageOutcome> {
    await target.page.fill('#username', username);
    await target.page.click('#register');
    return outcome(target);
  }

  /** "Add another passkey": append with forcePasskeyAppend. */
  async function addPasskey(target: AuthenticatorPage, username: string): Promise<PageOutcome> {
    await target.page.fill('#username', username);
    await target.page.click('#add-passkey');
    return outcome(target);
  }

  async function login(target: AuthenticatorPage, username: string): Promise<PageOutcome> {
    await target.page.fill('#username', username);
    await target.page.click('#login');
    return outcome(target);
  }

  /** Every Backend API call so far answered 200 with a body its spec schema accepts. */
  function assertApiCallsMatchSpec(): void {
    assert.ok(backend);
    assert.ok(backend.calls.length > 0, 'no Backend API calls were made');
    for (const call of backend.calls) {
      assert.equal(call.status, 200, `${call.path}: ${JSON.stringify(call.response)}`);
      const schema = responseSchemas[call.path];
      assert.ok(schema, `no schema for ${call.path}`);
      assertMatchesSpec(schema, call.response);
    }
  }

  async function verifySignedData(signedPasskeyData: string, username: string) {
    assert.ok(server);
    const response = await server.app.inject({
      method: 'POST',
      url: '/v2/passkey/verifySignedData',
      headers: { authorization },
      payload: { signedPasskeyData, username },
    });
    return assertOk<{ verificationResult: string }>(response, 'passkeyVerifySignedDataRsp')
      .verificationResult;
  }

  test('[chromium] registers a passkey with navigator.credentials.create', { skip }, async () => {
    assert.ok(backend && server);
    const target = await openPage();
    const result = succeeded(await register(target, 'alice@example.com'), 'registration');
    const userID = backend.users.get('alice@example.com');
    assert.ok(userID);
    assert.equal(result.appendAllow, true);

    const publicKey = publicKeyOf(result.attestationOptions);
    assert.deepEqual(publicKey.rp, { name: 'Browser demo', id: 'localhost' });
    const user = publicKey.user as { id: string; name: string };
    assert.equal(user.name, 'alice@example.com');

    const passkeyData = result.passkeyData;
    assert.ok(passkeyData, `no passkeyData in ${JSON.stringify(result)}`);
    assertMatchesSpec('passkeyData', passkeyData);
    assert.match(passkeyData.id, /^cre-/);
    assert.equal(passkeyData.userID, userID);
    assert.equal(passkeyData.username, 'alice@example.com');
    // A built-in (internal transport, platform attachment) authenticator: a local ceremony.
    assert.equal(passkeyData.ceremonyType, 'local');

    // The authenticator now holds exactly one passkey for this RP, for this user.
    const held = await authenticatorCredentials(target);
    assert.equal(held.length, 1);
    assert.equal(held[0]?.rpId, 'localhost');
    assert.equal(held[0]?.userHandle, user.id);

    // The Backend API lists it under the user, with the authenticator's credential ID.
    const listed = await server.app.inject({
      method: 'GET',
      url: `/v2/users/${userID}/credentials`,
      headers: { authorization },
    });
    const list = assertOk<{ credentials: Array<{ id: string; credentialID: string }> }>(
      listed,
      'credentialList',
    );
    assert.deepEqual(
      list.credentials.map((credential) => [credential.id, credential.credentialID]),
      [[passkeyData.id, held[0]?.credentialId]],
    );
    assertApiCallsMatchSpec();
  });

  test('[chromium] excludeCredentials stops a second passkey on the same authenticator', {
    skip,
  }, async () => {
    assert.ok(backend);
    const target = await openPage();
    const first = succeeded(await register(target, 'erin@example.com'), 'first registration');
    const [held] = await authenticatorCredentials(target);
    assert.ok(held);
    const again = await addPasskey(target, 'erin@example.com');
    // The engine excluded the passkey the user has; WebAuthn §6.3.2 step 3: an authenticator
    // holding an excluded credential refuses with InvalidStateError, so the page never
    // reaches append/finish.
    const lastStart = backend.calls.findLast((call) => call.path === '/passkey/append/start');
    assert.ok(lastStart);
    assert.equal(lastStart.response.appendAllow, true);
    const publicKey = publicKeyOf(String(lastStart.response.attestationOptions));
    assert.deepEqual(optionsCredentialIds(publicKey, 'excludeCredentials'), [held.credentialId]);
    assert.equal(again.state, 'error', `second registration: ${JSON.stringify(again)}`);
    assert.equal((again as { error: { name: string } }).error.name, 'InvalidStateError');
    assert.equal(backend.calls.at(-1)?.path, '/passkey/append/start');
    assert.equal((await authenticatorCredentials(target)).length, 1);
    assert.match(first.passkeyData?.id ?? '', /^cre-/);
  });

  test('[chromium] identifier-first login with navigator.credentials.get', { skip }, async () => {
    assert.ok(backend);
    const target = await openPage();
    const registered = succeeded(await register(target, 'bob@example.com'), 'registration');
    const [held] = await authenticatorCredentials(target);
    assert.ok(held);

    const result = succeeded(await login(target, 'bob@example.com'), 'login');
    assert.equal(result.loginAllow, true);
    // Identifier-first: the options list the user's passkey.
    const publicKey = publicKeyOf(result.assertionOptions);
    assert.equal(publicKey.rpId, 'localhost');
    assert.deepEqual(optionsCredentialIds(publicKey, 'allowCredentials'), [held.credentialId]);

    const passkeyData = result.passkeyData;
    assert.ok(passkeyData, `no passkeyData in ${JSON.stringify(result)}`);
    assertMatchesSpec('passkeyData', passkeyData);
    assert.equal(passkeyData.id, registered.passkeyData?.id);
    assert.equal(passkeyData.userID, backend.users.get('bob@example.com'));
    assert.equal(passkeyData.username, 'bob@example.com');
    assert.equal(passkeyData.ceremonyType, 'local');
    assert.notEqual(passkeyData.challengeID, registered.passkeyData?.challengeID);

    // signPasskeyData: the backend verifies the token once; a replay is refused.
    assert.equal(typeof result.signedPasskeyData, 'string');
    const token = result.signedPasskeyData as string;
    assert.equal(await verifySignedData(token, 'bob@example.com'), 'success');
    assert.equal(await verifySignedData(token, 'bob@example.com'), 'invalid_challenge');
    assertApiCallsMatchSpec();
  });

  test('[chromium] conditional UI login picks the passkey from the username field', {
    skip,
  }, async () => {
    assert.ok(backend);
    // Two users with a passkey each, on two authenticators: the conditional login must
    // identify the one whose authenticator answered, from the userHandle alone.
    succeeded(await register(await openPage(), 'carol@example.com'), 'registration of carol');
    const target = await openPage();
    const registered = succeeded(await register(target, 'dave@example.com'), 'registration');

    // The page arms conditional mediation on load; clicking the field lets the virtual
    // authenticator (presence simulated) answer with its only passkey.
    await target.page.goto(`${backend.origin}/?autofill`);
    await target.page.locator('#username[data-conditional="armed"]').waitFor();
    await target.page.click('#username');
    const result = succeeded(await outcome(target), 'conditional login');

    assert.equal(result.loginAllow, true);
    // Mediation knows no user: an empty allow list.
    const publicKey = publicKeyOf(result.assertionOptions);
    assert.deepEqual(optionsCredentialIds(publicKey, 'allowCredentials'), []);

    const passkeyData = result.passkeyData;
    assert.ok(passkeyData, `no passkeyData in ${JSON.stringify(result)}`);
    assertMatchesSpec('passkeyData', passkeyData);
    assert.equal(passkeyData.id, registered.passkeyData?.id);
    assert.equal(passkeyData.userID, backend.users.get('dave@example.com'));
    assert.equal(passkeyData.username, 'dave@example.com');

    assert.equal(typeof result.signedPasskeyData, 'string');
    const token = result.signedPasskeyData as string;
    assert.equal(await verifySignedData(token, 'carol@example.com'), 'user_mismatch');
    assert.equal(await verifySignedData(token, 'dave@example.com'), 'success');
    assertApiCallsMatchSpec();
  });
});
