import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createProject } from '../../../packages/server/src/core/projects/create-project.js';
import { createApiSecret } from '../../../packages/server/src/core/secrets/create-api-secret.js';
import {
  type AuthenticatorPage,
  authenticatorCredentials,
  chromiumSkipReason,
  launchChromium,
  openAuthenticatorPage,
} from '../../../packages/server/test/support/browser/chromium.js';
import { databaseKinds } from '../../../packages/server/test/support/databases.js';
import {
  createTestServer,
  type TestServer,
} from '../../../packages/server/test/support/test-server.js';
import { createAccessTokens } from '../src/access-tokens.js';
import { createExampleApp } from '../src/app.js';
import { createLatchkeyClient } from '../src/latchkey-client.js';
import { createUserStore } from '../src/user-store.js';

/*
 * The example's page in a real browser: Debian's Chromium with a CDP virtual authenticator
 * (packages/server/test/support/browser/chromium.ts) opens the page the example serves, which
 * signs in with a password, appends, lists, deletes and signs in with a passkey through a
 * live Latchkey's Connect API. `[chromium]` in the name: see scripts/run-tests.mjs.
 */

const skip = chromiumSkipReason();
const [kind = 'sqlite'] = databaseKinds();

let latchkey: TestServer | undefined;
let example: Server | undefined;
let exampleOrigin = '';
let browser: Browser | undefined;
let target: AuthenticatorPage | undefined;

before(async () => {
  if (skip) return;
  browser = await launchChromium();
  latchkey = await createTestServer(kind, { startMs: Date.now() });
  const latchkeyUrl = await latchkey.listen();
  // The page's origin is known once the example listens; the app is plugged in after that.
  let app: RequestListener | undefined;
  example = createServer((req, res) => app?.(req, res));
  await new Promise<void>((resolve) => example?.listen(0, '127.0.0.1', resolve));
  exampleOrigin = `http://localhost:${(example.address() as AddressInfo).port}`;
  // A second project, as after the README's `latchkey project create` next to the default
  // one: CORS preflights carry no X-Corbado-ProjectID, so the page reaches Latchkey at a
  // `pro-….localhost` host, which names the project. Its origins hold exactly the page's, so
  // the RP ID is `localhost`.
  const project = await createProject(latchkey.deps, {
    name: 'Connect example',
    origins: [exampleOrigin],
  });
  const secret = await createApiSecret(latchkey.deps, project.id);
  const frontendApiUrl = `http://${project.id}.localhost:${new URL(latchkeyUrl).port}`;
  const users = createUserStore();
  await users.add({
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    password: 'analytical engine',
  });
  app = createExampleApp({
    users,
    tokens: createAccessTokens({ key: randomBytes(32) }),
    latchkey: createLatchkeyClient({
      baseUrl: latchkeyUrl,
      projectId: project.id,
      apiSecret: secret.apiSecret,
    }),
    page: { frontendApiUrl, projectId: project.id },
  }) as unknown as RequestListener;
});

after(async () => {
  await target?.close();
  await browser?.close();
  await new Promise((resolve) => (example ? example.close(resolve) : resolve(undefined)));
  await latchkey?.close();
});

/** Clicks a button and waits for the page's status line to say `done`; returns its text. */
async function act(button: string): Promise<string> {
  assert.ok(target);
  const status = target.page.locator('#status');
  await target.page.click(button);
  await target.page.waitForFunction(
    "['done', 'error'].includes(document.getElementById('status').dataset.state)",
  );
  const text = (await status.textContent()) ?? '';
  assert.equal(await status.getAttribute('data-state'), 'done', `${button}: ${text}`);
  return text;
}

test('[chromium] the example page: password sign-in, add, list, passkey sign-in, delete', {
  skip,
}, async () => {
  assert.ok(browser);
  target = await openAuthenticatorPage(browser);
  const { page } = target;
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${exampleOrigin}/`);
  await page.waitForFunction("document.getElementById('status').dataset.state === 'ready'");

  await page.fill('#email', 'ada@example.com');
  await page.fill('#password', 'analytical engine');
  assert.equal(await act('#password-login'), 'signed in with password');
  assert.equal(await page.textContent('#who'), 'ada@example.com');

  assert.equal(await act('#append'), 'passkey added');
  assert.equal(await page.locator('#passkeys li').count(), 1);
  const held = await authenticatorCredentials(target);
  assert.equal(held.length, 1);
  assert.equal(held[0]?.rpId, 'localhost');

  assert.equal(await act('#logout'), 'signed out');
  await page.fill('#email', 'ada@example.com');
  assert.equal(await act('#passkey-login'), 'signed in with passkey');
  assert.equal(await page.textContent('#who'), 'ada@example.com');

  assert.equal(await act('#passkeys li .delete'), 'deleted');
  assert.equal(await page.locator('#passkeys li').count(), 0);
});
