import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { createMessaging } from '../../../packages/server/src/core/messages/create-messaging.js';
import { createProject } from '../../../packages/server/src/core/projects/create-project.js';
import { updateProject } from '../../../packages/server/src/core/projects/update-project.js';
import { createApiSecret } from '../../../packages/server/src/core/secrets/create-api-secret.js';
import {
  type AuthenticatorPage,
  authenticatorCredentials,
  chromiumSkipReason,
  launchChromium,
  openAuthenticatorPage,
} from '../../../packages/server/test/support/browser/chromium.js';
import { describeEachDatabase } from '../../../packages/server/test/support/databases.js';
import { codeIn } from '../../../packages/server/test/support/process-client.js';
import {
  type SmtpReceiver,
  startSmtpReceiver,
} from '../../../packages/server/test/support/smtp-receiver.js';
import {
  createTestServer,
  type TestServer,
} from '../../../packages/server/test/support/test-server.js';
import { checkAccessibility } from '../../../packages/web/test/support/accessibility.js';
import { createDemoApp } from '../src/demo-app.js';
import { createLatchkeyBackend } from '../src/latchkey-backend.js';
import { createSessionVerifier } from '../src/session-verifier.js';

/*
 * The hosted page round trip in Debian's Chromium, as a person does it: the demo's page →
 * "Create an account" → Latchkey's hosted /signup (the real @latchkey/web bundle, built by
 * buildWebBundle() in the server) → email, the code from a real SMTP server, a passkey on a
 * CDP virtual authenticator → back to the demo with ?code= → the demo's backend exchanges
 * it and verifies the JWT → the protected page names the user. Every step is photographed
 * into test-artifacts/hosted-round-trip/<kind>/ and checked for accessibility; the hosted
 * page must not trip its own Content Security Policy.
 */

const skip = chromiumSkipReason();
const here = path.dirname(fileURLToPath(import.meta.url));
const artifactsDir = path.resolve(here, '..', '..', '..', 'test-artifacts', 'hosted-round-trip');
const aceSource = readFileSync(
  createRequire(import.meta.url).resolve('accessibility-checker-engine/ace.js'),
  'utf8',
);

describeEachDatabase('Hosted pages round trip in Chromium', (kind) => {
  let smtp: SmtpReceiver;
  let latchkey: TestServer;
  let hostedOrigin = '';
  let demo: Server;
  let demoOrigin = '';
  let browser: Browser;
  let client: AuthenticatorPage;
  const cspViolations: string[] = [];
  const email = `hosted-${kind}@example.com`;

  before(async () => {
    if (skip) return;
    smtp = await startSmtpReceiver();
    latchkey = await createTestServer(kind, {
      startMs: Date.now(),
      publicUrl: () => hostedOrigin,
      messaging: (deps) =>
        createMessaging({ smtpUrl: smtp.url, mailFrom: 'auth@example.com' }, deps, null),
    });
    // The hosted pages on http://localhost: a secure context and a valid RP ID.
    hostedOrigin = (await latchkey.listen()).replace('127.0.0.1', 'localhost');
    // The demo learns its port on listen; it is built for that URL.
    const probe = await listenOnLocalhost(createDemoApp(placeholderOptions()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    demoOrigin = `http://localhost:${port}`;
    // A second project besides the test server's: the pages are chosen by ?projectID=.
    const project = await createProject(latchkey.deps, {
      name: 'Demo shop',
      origins: [hostedOrigin],
      allowedRedirectUrls: [`${demoOrigin}/callback`],
    });
    await updateProject(latchkey.deps, project.id, { flow: { verifyAtSignup: ['email'] } });
    const secret = await createApiSecret(latchkey.deps, project.id);
    demo = createDemoApp({
      publicUrl: demoOrigin,
      hostedPagesUrl: hostedOrigin,
      projectId: project.id,
      latchkey: createLatchkeyBackend({
        baseUrl: hostedOrigin,
        projectId: project.id,
        apiSecret: secret.apiSecret,
      }),
      verifySession: createSessionVerifier({
        jwksUrl: `${hostedOrigin}/.well-known/jwks`,
        projectId: project.id,
        issuer: hostedOrigin,
      }),
    });
    await new Promise<void>((resolve) => demo.listen(port, 'localhost', resolve));
    browser = await launchChromium();
    client = await openAuthenticatorPage(browser);
    await client.page.addInitScript('window.__name = (f) => f;');
    client.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  after(async () => {
    await client?.close();
    await browser?.close();
    await new Promise((resolve) => (demo ? demo.close(resolve) : resolve(undefined)));
    await latchkey?.close();
    await smtp?.close();
  });

  /** Photographs the screen and checks it for accessibility (none found: it passes). */
  const step = async (name: string) => {
    const { page } = client;
    const dir = path.join(artifactsDir, kind);
    mkdirSync(dir, { recursive: true });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    // The engine goes in over CDP: the hosted pages' CSP refuses inline scripts, rightly.
    if (!(await client.page.evaluate(() => 'ace' in window))) await client.page.evaluate(aceSource);
    assert.deepEqual(await checkAccessibility(page, client.cdp), [], `accessibility of ${name}`);
  };
  const waitForBlock = (block: string) =>
    client.page.locator(`latchkey-auth[block="${block}"]`).waitFor({ timeout: 15_000 });

  test('[chromium] demo → hosted sign-up with email and passkey → back with a code → protected page', {
    skip,
  }, async () => {
    const { page } = client;
    await page.goto(`${demoOrigin}/`);
    await step('01-demo-home');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(`${hostedOrigin}/signup?**`);
    await waitForBlock('signup-init');
    const hostedUrl = new URL(page.url());
    assert.equal(hostedUrl.searchParams.get('redirect_uri'), `${demoOrigin}/callback`);
    assert.ok(hostedUrl.searchParams.get('state'));
    await step('02-hosted-signup');

    const before = smtp.messages.length;
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForBlock('email-verify');
    await step('03-hosted-email-code');
    const mail = await waitForMail(smtp, email, before);
    await page.getByLabel('Verification code').fill(codeIn(mail));
    await page.getByRole('button', { name: 'Verify' }).click();

    await waitForBlock('passkey-append');
    await step('04-hosted-passkey-append');
    await page.getByRole('button', { name: 'Create passkey' }).click();

    // Signed in: the hosted page fetches a code and the demo's backend takes it from here.
    await page.waitForURL(`${demoOrigin}/protected`, { timeout: 15_000 });
    await page.locator('#user-email').waitFor();
    assert.equal(await page.locator('#user-email').textContent(), email);
    assert.match(String(await page.locator('#user-id').textContent()), /^usr-\d+$/);
    // The code never stays in the address bar or the history entry the user lands on.
    assert.doesNotMatch(page.url(), /code=/);
    await step('05-demo-protected');
    assert.equal((await authenticatorCredentials(client)).length, 1);

    // The hosted account page shows the same sign-in and the new passkey.
    const projectId = hostedUrl.searchParams.get('projectID');
    await page.goto(`${hostedOrigin}/account?projectID=${projectId}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.equal(await page.locator('latchkey-auth').isHidden(), true);
    await page.locator('latchkey-passkeys').getByRole('listitem').first().waitFor();
    assert.equal(await page.locator('latchkey-passkeys').getByRole('listitem').count(), 1);
    await step('06-hosted-account');
    assert.deepEqual(cspViolations, []);
  });

  test('[chromium] login with the passkey on the hosted page (autofill) → back → protected page', {
    skip,
  }, async () => {
    const { page } = client;
    await page.goto(`${demoOrigin}/logout`);
    await page.locator('#sign-in').waitFor();
    // The hosted login page starts conditional UI at once, and the virtual authenticator
    // answers it with the passkey from the sign-up (a person would pick it from the list).
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${demoOrigin}/protected`, { timeout: 15_000 });
    assert.equal(await page.locator('#user-email').textContent(), email);
    await step('07-demo-protected-after-passkey-login');
    assert.deepEqual(cspViolations, []);
  });

  test('[chromium] signed in on the hosted pages already: "Continue as" goes straight back', {
    skip,
  }, async () => {
    const { page } = client;
    // No passkey on this device any more, so autofill has nothing to offer; the hosted
    // pages' session (localStorage on their origin) is still there.
    await client.cdp.send('WebAuthn.clearCredentials', { authenticatorId: client.authenticatorId });
    await page.goto(`${demoOrigin}/logout`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${hostedOrigin}/login?**`);
    const resume = page.getByRole('button', { name: `Continue as ${email}` });
    await resume.waitFor();
    await waitForBlock('login-init');
    await step('08-hosted-login-continue-as');
    await resume.click();
    await page.waitForURL(`${demoOrigin}/protected`, { timeout: 15_000 });
    assert.equal(await page.locator('#user-email').textContent(), email);
    assert.deepEqual(cspViolations, []);
  });

  test('[chromium] a redirect_uri the project does not allow gets an error page, no form', {
    skip,
  }, async () => {
    const { page } = client;
    const projectId = new URL(String(await demoLoginLocation())).searchParams.get('projectID');
    const response = await page.goto(
      `${hostedOrigin}/login?projectID=${projectId}&redirect_uri=${encodeURIComponent('https://evil.example/callback')}`,
    );
    assert.equal(response?.status(), 400);
    await page.getByText("is not one of the project's allowed redirect URLs").waitFor();
    assert.equal(await page.locator('latchkey-auth').count(), 0);
    await step('09-hosted-redirect-refused');
  });

  /** Where the demo's /login sends the browser. */
  const demoLoginLocation = async () =>
    (await fetch(`${demoOrigin}/login`, { redirect: 'manual' })).headers.get('location');
});

function placeholderOptions() {
  return {
    publicUrl: 'http://localhost',
    hostedPagesUrl: 'http://localhost',
    projectId: 'pro-0',
    latchkey: createLatchkeyBackend({ baseUrl: 'http://localhost', projectId: '', apiSecret: '' }),
    verifySession: async () => undefined,
  };
}

function listenOnLocalhost(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, 'localhost', () => resolve(server)));
}

/** The newest mail to `to` after the first `after` messages, waiting up to 10 s. */
async function waitForMail(smtp: SmtpReceiver, to: string, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.messages.slice(after).find((message) => message.envelopeTo.includes(to));
    if (mail) return mail.text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to}`);
}
