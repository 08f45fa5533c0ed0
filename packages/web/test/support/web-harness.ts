import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createMessaging } from '../../../server/src/core/messages/create-messaging.js';
import { updateProject } from '../../../server/src/core/projects/update-project.js';
import {
  type AuthenticatorPage,
  launchChromium,
  openAuthenticatorPage,
} from '../../../server/test/support/browser/chromium.js';
import type { DatabaseKind } from '../../../server/test/support/databases.js';
import { type SmsReceiver, startSmsReceiver } from '../../../server/test/support/sms-receiver.js';
import {
  type SmtpReceiver,
  startSmtpReceiver,
} from '../../../server/test/support/smtp-receiver.js';
import { createTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import { buildWebBundle } from '../../build.js';
import { type AccessibilityProblem, checkAccessibility } from './accessibility.js';

/*
 * Everything the component tests run against, all real: a listening Latchkey (test-server.ts)
 * that mails through a real SMTP receiver, a site on http://localhost serving test pages and
 * the bundle built in-process by buildWebBundle(), and Debian's Chromium with a CDP virtual
 * authenticator per client. The site and the Frontend API are two origins on one host
 * (localhost, two ports): cross-origin, so every call goes through CORS, and same-site, so the
 * refresh cookie travels as it does for an app on app.example.com and auth.example.com.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
/** Screenshots of each step land here (gitignored). */
export const artifactsDir = path.resolve(here, '..', '..', 'test-artifacts');

/** What a test page shows: which elements, in which language and theme. */
export interface PageOptions {
  elements: Array<'auth' | 'user' | 'passkeys'>;
  mode?: 'login' | 'signup';
  lang?: string;
  theme?: 'light' | 'dark';
  autofill?: 'off';
}

export interface Harness {
  server: TestServer;
  smtp: SmtpReceiver;
  sms: SmsReceiver;
  api: string;
  site: string;
  projectId: string;
  browser: Browser;
  /**
   * A new browser profile with its own (empty) virtual authenticator; with `userAgent`, one
   * that tells the server it is another kind of device.
   */
  newClient(options?: { userAgent?: string }): Promise<AuthenticatorPage>;
  /**
   * Moves the server's fixed clock up to this machine's time: the page counts down to the
   * server's `retryNotBefore` on the browser's clock.
   */
  syncClock(): void;
  /** Opens a test page (see PageOptions) in a client. */
  open(client: AuthenticatorPage, options: PageOptions): Promise<void>;
  /** Serves a test page at a fixed path (an email link's target). */
  definePage(pathname: string, options: PageOptions): void;
  close(): Promise<void>;
}

function testPage(options: PageOptions, api: string, projectId: string): string {
  const attrs = `project-id="${projectId}" frontend-api="${api}"${options.theme ? ` theme="${options.theme}"` : ''}`;
  const tags: Record<PageOptions['elements'][number], string> = {
    user: `<latchkey-user ${attrs}></latchkey-user>`,
    auth: `<latchkey-auth ${attrs}${options.mode ? ` mode="${options.mode}"` : ''}${options.autofill ? ` autofill="${options.autofill}"` : ''}></latchkey-auth>`,
    passkeys: `<latchkey-passkeys ${attrs}></latchkey-passkeys>`,
  };
  const dark = options.theme === 'dark';
  return `<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Latchkey web components</title>
<style>body{font-family:system-ui;margin:24px;background:${dark ? '#0d0f12' : '#f4f5f7'};color:${dark ? '#e8eaed' : '#1b1f24'}} main{display:flex;flex-direction:column;gap:16px}</style>
<script>
  // What the page saw: the components' events, and every WebAuthn Signal API call (passed on
  // to the browser's own implementation where it has one).
  window.latchkeyEvents = [];
  for (const type of ['latchkey-signed-in', 'latchkey-signed-out', 'latchkey-block', 'latchkey-error',
    'latchkey-passkey-added', 'latchkey-passkey-deleted']) {
    document.addEventListener(type, (event) => window.latchkeyEvents.push({ type, detail: event.detail }));
  }
  window.latchkeySignals = [];
  for (const method of ['signalUnknownCredential', 'signalAllAcceptedCredentials', 'signalCurrentUserDetails']) {
    const original = PublicKeyCredential[method];
    PublicKeyCredential[method] = async (options) => {
      window.latchkeySignals.push({ method, options });
      if (original) return original.call(PublicKeyCredential, options).catch(() => undefined);
    };
  }
</script>
<script type="module" src="/latchkey-web.js"></script>
</head>
<body><main><h1>Example app</h1>${options.elements.map((name) => tags[name]).join('\n')}</main></body>
</html>`;
}

/** Starts the harness for one database kind. */
export async function startHarness(kind: DatabaseKind): Promise<Harness> {
  // What is started is stopped again, in reverse, on close or when starting fails half-way
  // (an SMTP server left listening would keep the test process alive).
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    return await startParts(kind, stops, stopAll);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startParts(
  kind: DatabaseKind,
  stops: Array<() => Promise<unknown>>,
  stopAll: () => Promise<void>,
): Promise<Harness> {
  const bundle = await buildWebBundle({ write: false });
  const smtp = await startSmtpReceiver();
  stops.push(() => smtp.close());
  const sms = await startSmsReceiver();
  stops.push(() => sms.close());
  // The fixed clock starts now: the browser compares retryNotBefore with its own clock.
  const server = await createTestServer(kind, {
    startMs: Date.now(),
    messaging: (deps) =>
      createMessaging(
        { smtpUrl: smtp.url, mailFrom: 'auth@example.com', smsWebhookUrl: sms.url },
        deps,
        null,
      ),
  });
  stops.push(() => server.close());
  const api = (await server.listen()).replace('127.0.0.1', 'localhost');
  const pages = new Map<string, PageOptions>();
  const site: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/latchkey-web.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(bundle.code);
      return;
    }
    const options = pages.get(url.pathname);
    if (!options) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(testPage(options, api, server.project.id));
  });
  await new Promise<void>((resolve) => site.listen(0, 'localhost', resolve));
  stops.push(() => new Promise((resolve) => site.close(resolve)));
  const siteOrigin = `http://localhost:${(site.address() as AddressInfo).port}`;
  // The server's one project: preflights (no project header) find it as the only project.
  await updateProject(server.deps, server.project.id, { origins: [siteOrigin] });
  const browser = await launchChromium();
  stops.push(() => browser.close());
  let pageCount = 0;
  return {
    server,
    smtp,
    sms,
    api,
    site: siteOrigin,
    projectId: server.project.id,
    browser,
    async newClient(options = {}) {
      const client = await openAuthenticatorPage(browser);
      if (options.userAgent) {
        await client.cdp.send('Emulation.setUserAgentOverride', { userAgent: options.userAgent });
      }
      // tsx keeps function names with a helper the page does not have; give it one.
      await client.page.addInitScript('window.__name = (f) => f;');
      return client;
    },
    syncClock() {
      const behind = Date.now() - server.clock.now();
      if (behind > 0) server.clock.advance(behind);
    },
    definePage(pathname, options) {
      pages.set(pathname, options);
    },
    async open(client, options) {
      pageCount += 1;
      const pathname = `/page-${pageCount}`;
      pages.set(pathname, options);
      await client.page.goto(`${siteOrigin}${pathname}`);
    },
    close: stopAll,
  };
}

/** The `block` attribute <latchkey-auth> reflects, once it is `block`. */
export async function waitForBlock(page: Page, block: string): Promise<void> {
  try {
    await page.locator(`latchkey-auth[block="${block}"]`).waitFor({ timeout: 15_000 });
  } catch (error) {
    // Say what the page shows instead: the block, its text and the events so far.
    const shown = await page.evaluate(() => {
      const element = document.querySelector('latchkey-auth');
      return {
        block: element?.getAttribute('block'),
        text: element?.shadowRoot?.querySelector('.container')?.textContent,
        events: (window as unknown as { latchkeyEvents: unknown[] }).latchkeyEvents,
      };
    });
    throw new Error(`waiting for block ${block}: ${JSON.stringify(shown)}`, { cause: error });
  }
}

/** The events the page recorded (see testPage). */
export function eventsOf(
  page: Page,
): Promise<Array<{ type: string; detail: Record<string, unknown> }>> {
  return page.evaluate(() => (window as unknown as { latchkeyEvents: [] }).latchkeyEvents);
}

/**
 * One screen of a flow: a screenshot into test-artifacts/<kind>/ and the accessibility
 * checks, which must find no serious problem.
 */
export async function checkScreen(
  client: AuthenticatorPage,
  kind: DatabaseKind,
  name: string,
): Promise<void> {
  const { page } = client;
  const dir = path.join(artifactsDir, kind);
  mkdirSync(dir, { recursive: true });
  // Let focus moves and countdowns settle so the picture shows what a person sees.
  await page.waitForTimeout(100);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  const problems: AccessibilityProblem[] = await checkAccessibility(page, client.cdp);
  assert.deepEqual(problems, [], `accessibility problems on ${name}`);
}
