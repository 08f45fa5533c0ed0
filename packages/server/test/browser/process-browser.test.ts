import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createProject } from '../../src/core/projects/create-project.js';
import {
  type AuthenticatorPage,
  chromiumSkipReason,
  launchChromium,
  openAuthenticatorPage,
} from '../support/browser/chromium.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

/*
 * The Frontend API process in a real browser: Chromium (playwright-core, headless) with a CDP
 * virtual authenticator opens a page served on http://localhost, whose script calls a
 * listening Latchkey's /v2/auth/* across origins (CORS), hands the blocks' options to
 * navigator.credentials.create/get through Chromium's own JSON parsers and posts
 * `credential.toJSON()` back, as Corbado's web-js does.
 */

const skip = chromiumSkipReason();

/** The few browser APIs the page script uses (the server's TypeScript has no DOM types). */
interface PageGlobals {
  PublicKeyCredential: {
    isUserVerifyingPlatformAuthenticatorAvailable(): Promise<boolean>;
    parseCreationOptionsFromJSON(options: unknown): unknown;
    parseRequestOptionsFromJSON(options: unknown): unknown;
  };
  navigator: {
    credentials: {
      create(options: { publicKey: unknown }): Promise<{ toJSON(): unknown }>;
      get(options: { publicKey: unknown }): Promise<{ toJSON(): unknown }>;
    };
  };
}

/** Runs in the page: one whole flow against the Frontend API; answers the last block. */
async function runFlow(args: {
  api: string;
  projectId: string;
  email: string;
  mode: 'signup' | 'login';
}): Promise<{ block: string; data: Record<string, unknown>; error?: unknown }> {
  const { PublicKeyCredential, navigator } = globalThis as unknown as PageGlobals;
  let token = '';
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(`${args.api}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        'x-corbado-projectid': args.projectId,
        ...(token && { 'x-corbado-process-id': token }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  };
  const clientInformation = {
    isUserVerifyingPlatformAuthenticatorAvailable:
      await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(),
    isConditionalMediationAvailable: false,
  };
  const init = await call('/v2/auth/process/init', {
    clientInformation,
    ...(args.mode === 'login' && { preferredBlock: 'login-init' }),
  });
  token = init.token;
  const unwrap = (text: string) => JSON.parse(text).publicKey;
  if (args.mode === 'signup') {
    const append = (
      await call('/v2/auth/signup/init', {
        identifiers: [{ type: 'email', identifier: args.email }],
      })
    ).blockBody;
    if (append.block !== 'passkey-append') return append;
    const options = PublicKeyCredential.parseCreationOptionsFromJSON(unwrap(append.data.challenge));
    const credential = await navigator.credentials.create({
      publicKey: options,
    });
    return (
      await call('/v2/auth/passkey/append/finish', {
        signedChallenge: JSON.stringify(credential.toJSON()),
      })
    ).blockBody;
  }
  const verify = (
    await call('/v2/auth/login/init', { identifierValue: args.email, isPhone: false })
  ).blockBody;
  if (verify.block !== 'passkey-verify') return verify;
  const options = PublicKeyCredential.parseRequestOptionsFromJSON(unwrap(verify.data.challenge));
  const assertion = await navigator.credentials.get({
    publicKey: options,
  });
  return (
    await call('/v2/auth/passkey/login/finish', {
      signedChallenge: JSON.stringify(assertion.toJSON()),
    })
  ).blockBody;
}

describeEachDatabase('Frontend API process in Chromium', (kind) => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let site: Server | undefined;
  let siteOrigin = '';
  let api = '';
  let projectId = '';
  let target: AuthenticatorPage | undefined;

  before(async () => {
    if (skip) return;
    browser = await launchChromium();
    server = await createTestServer(kind);
    api = await server.listen();
    site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>Sign in</title><p>Sign in</p>');
    });
    await new Promise<void>((resolve) => site?.listen(0, 'localhost', resolve));
    siteOrigin = `http://localhost:${(site.address() as AddressInfo).port}`;
    const project = await createProject(server.deps, {
      name: 'Browser flows',
      origins: [siteOrigin],
    });
    projectId = project.id;
    // A preflight carries no X-Corbado-ProjectID, and this server has two projects: the page
    // names its project by subdomain, as with Corbado's pro-….frontendapi.corbado.io.
    api = api.replace('127.0.0.1', `${project.id}.localhost`);
    target = await openAuthenticatorPage(browser);
    // tsx keeps function names with a helper the page does not have; give it one.
    await target.page.addInitScript('window.__name = (f) => f;');
    await target.page.goto(`${siteOrigin}/`);
  });

  after(async () => {
    await target?.close();
    await browser?.close();
    await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
    await server?.close();
  });

  test('[chromium] sign-up with a passkey, then login with it, over the Frontend API', {
    skip,
  }, async () => {
    assert.ok(target);
    const email = `browser-${kind}@example.com`;
    const signup = await target.page.evaluate(runFlow, {
      api,
      projectId,
      email,
      mode: 'signup' as const,
    });
    assert.equal(signup.block, 'completed', JSON.stringify(signup));
    assert.equal(signup.data.shortSession, signup.data.sessionToken);
    assert.match(String(signup.data.sessionToken), /^ey/);
    const login = await target.page.evaluate(runFlow, {
      api,
      projectId,
      email,
      mode: 'login' as const,
    });
    assert.equal(login.block, 'completed', JSON.stringify(login));
    assert.equal(
      (login.data.passkeyOperation as { operationType: string }).operationType,
      'verify',
    );
  });
});
