import assert from 'node:assert/strict';
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
import { freePort, latestCode, type Stack, startStack } from './support.js';

/*
 * The example's web client in a real browser: Debian's Chromium with a CDP virtual
 * authenticator (packages/server/test/support/browser/chromium.ts) opens the page the example
 * serves, signs up with the emailed code (read from the SMTP receiver), adds a passkey, logs
 * out, logs in with the passkey, and logs in again through conditional UI (autofill).
 * `[chromium]` in the name: see scripts/run-tests.mjs.
 */

const skip = chromiumSkipReason();

let stack: Stack | undefined;
let origin = '';
let browser: Browser | undefined;
let target: AuthenticatorPage | undefined;

before(async () => {
  if (skip) return;
  browser = await launchChromium();
  const port = await freePort();
  origin = `http://localhost:${port}`;
  // A project whose only WebAuthn origin is the page's, so the RP ID is `localhost`.
  stack = await startStack({
    port,
    project: async (latchkey) => {
      const project = await createProject(latchkey.deps, { name: 'Custom API', origins: [origin] });
      const secret = await createApiSecret(latchkey.deps, project.id);
      return { projectId: project.id, apiSecret: secret.apiSecret };
    },
  });
});

after(async () => {
  await target?.close();
  await browser?.close();
  await stack?.close();
});

/** Clicks a button and waits for the status line to settle; returns its text. */
async function act(selector: string): Promise<string> {
  assert.ok(target);
  await target.page.click(selector);
  return settled();
}

async function settled(): Promise<string> {
  assert.ok(target);
  await target.page.waitForFunction(
    "['done', 'error'].includes(document.getElementById('status').dataset.state)",
  );
  const status = target.page.locator('#status');
  const text = (await status.textContent()) ?? '';
  assert.equal(await status.getAttribute('data-state'), 'done', text);
  return text;
}

test('[chromium] the client page: code sign-up, add passkey, log out, passkey login, autofill login', {
  skip,
}, async () => {
  assert.ok(browser && stack);
  target = await openAuthenticatorPage(browser);
  const { page } = target;
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${origin}/`);
  await page.waitForFunction("document.getElementById('status').dataset.state === 'ready'");

  const email = 'ada@example.com';
  await page.fill('#email', email);
  assert.equal(await act('#send-code'), 'code sent');
  await page.fill('#code', latestCode(stack.smtp, email));
  assert.equal(await act('#verify'), 'signed in with code');
  assert.equal(await page.textContent('#who'), email);

  assert.equal(await act('#append'), 'passkey added');
  const held = await authenticatorCredentials(target);
  assert.equal(held.length, 1);
  assert.equal(held[0]?.rpId, 'localhost');

  assert.equal(await act('#logout'), 'signed out');
  assert.equal(await page.isVisible('#signed-in'), false);
  await page.fill('#email', email);
  assert.equal(await act('#passkey-login'), 'signed in with passkey');
  assert.equal(await page.textContent('#who'), email);

  // Conditional UI: the page arms an autofill request on the email field when it loads
  // signed out; the virtual authenticator (presence simulated) answers it with its passkey.
  assert.equal(await act('#logout'), 'signed out');
  await page.reload();
  assert.equal(await settled(), 'signed in with passkey (autofill)');
  assert.equal(await page.textContent('#who'), email);
  const after = await authenticatorCredentials(target);
  assert.equal(after[0]?.signCount, (held[0]?.signCount ?? 0) + 2);
});
