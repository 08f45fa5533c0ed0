import { existsSync } from 'node:fs';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';

/*
 * Debian's Chromium (`apt-get install -y chromium`) driven by playwright-core, which ships no
 * browser: Playwright's own browser download is never needed or used. WebAuthn goes to a CDP virtual
 * authenticator, so no person touches a security key.
 */

/** Where Debian's chromium package puts the browser. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Whether this run must have Chromium: in CI (`CI` set) and whenever
 * `LATCHKEY_REQUIRE_CHROMIUM=1` (.ci/run sets it). Then a missing browser fails the browser
 * tests instead of skipping them.
 */
export function chromiumRequired(): boolean {
  const ci = process.env.CI;
  return (
    process.env.LATCHKEY_REQUIRE_CHROMIUM === '1' ||
    (ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false')
  );
}

const missingMessage = `Chromium not found at ${chromiumPath}; install it with \`apt-get install -y chromium\``;

/**
 * `false` when the browser tests must run, else the reason to skip them: only when Chromium is
 * missing and not required. When it is required, the tests run and fail in launchChromium.
 */
export function chromiumSkipReason(): string | false {
  if (existsSync(chromiumPath) || chromiumRequired()) return false;
  return `${missingMessage} to run the browser tests`;
}

/**
 * Launches headless Chromium (no sandbox: CI runs as root in a container).
 * @throws when Chromium is not installed.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${missingMessage} (required here: CI or LATCHKEY_REQUIRE_CHROMIUM=1)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export interface AuthenticatorPage {
  page: Page;
  cdp: CDPSession;
  /** The CDP virtual authenticator's ID. */
  authenticatorId: string;
  /** Closes the page's browser context (and with it the authenticator). */
  close(): Promise<void>;
}

/**
 * A fresh browser context and page with a CDP virtual authenticator like a phone's or
 * laptop's built-in one: CTAP2, internal transport, resident keys (passkeys), user
 * verification that always succeeds, and presence simulated (no touch needed).
 */
export async function openAuthenticatorPage(browser: Browser): Promise<AuthenticatorPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { page, cdp, authenticatorId, close: () => context.close() };
}

/** The credentials the virtual authenticator holds (IDs and user handles in base64url). */
export async function authenticatorCredentials(
  target: AuthenticatorPage,
): Promise<Array<{ credentialId: string; userHandle: string; signCount: number; rpId: string }>> {
  const { credentials } = await target.cdp.send('WebAuthn.getCredentials', {
    authenticatorId: target.authenticatorId,
  });
  // CDP encodes binary fields as standard base64; the Backend API uses base64url.
  const base64url = (value: string | undefined) =>
    Buffer.from(value ?? '', 'base64').toString('base64url');
  return credentials.map((credential) => ({
    credentialId: base64url(credential.credentialId),
    userHandle: base64url(credential.userHandle),
    signCount: credential.signCount,
    rpId: credential.rpId ?? '',
  }));
}
