import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { updateProject } from '../../server/src/core/projects/update-project.js';
import {
  type AuthenticatorPage,
  authenticatorCredentials,
  chromiumSkipReason,
} from '../../server/test/support/browser/chromium.js';
import { describeEachDatabase } from '../../server/test/support/databases.js';
import { codeIn } from '../../server/test/support/process-client.js';
import {
  checkScreen,
  eventsOf,
  type Harness,
  startHarness,
  waitForBlock,
} from './support/web-harness.js';

/*
 * The web components in Debian's Chromium against a real Latchkey, as a person uses them:
 * typing into the fields, clicking the buttons, a CDP virtual authenticator for the passkeys
 * and a real SMTP server for the codes. Each screen is photographed into test-artifacts/ and
 * checked for accessibility.
 */

const skip = chromiumSkipReason();
const androidChrome =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

describeEachDatabase('@latchkey/web components in Chromium', (kind) => {
  let harness: Harness;
  /** The first device: signs up and keeps its passkey. */
  let laptop: AuthenticatorPage;
  const email = `web-${kind}@example.com`;

  before(async () => {
    if (skip) return;
    harness = await startHarness(kind);
    laptop = await harness.newClient();
  });
  after(async () => {
    await harness?.close();
  });

  const auth = (client: AuthenticatorPage) => client.page.locator('latchkey-auth');
  const signedInEvent = async (client: AuthenticatorPage) => {
    await client.page.waitForFunction(() =>
      (window as unknown as { latchkeyEvents: Array<{ type: string }> }).latchkeyEvents.some(
        (event) => event.type === 'latchkey-signed-in',
      ),
    );
    const events = await eventsOf(client.page);
    return events.find((event) => event.type === 'latchkey-signed-in')?.detail as {
      sessionToken: string;
      user: { id: string; email: string };
    };
  };
  const meStatus = async (token: string) =>
    (await fetch(`${harness.api}/v2/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  test('[chromium] sign-up with email and a passkey named on the page', { skip }, async () => {
    const { page } = laptop;
    // Autofill off: after the logout below, the virtual authenticator would otherwise answer
    // the login block's conditional request at once (a person would pick from a list).
    await harness.open(laptop, { elements: ['user', 'auth'], mode: 'signup', autofill: 'off' });
    await waitForBlock(page, 'signup-init');
    // The first field has focus: a person can type at once.
    assert.equal(
      await auth(laptop).evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('name')),
      'email',
    );
    await checkScreen(laptop, kind, '01-signup-init');

    // A malformed address stays on the block with the error next to the field.
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('This is not valid.').waitFor();
    const field = page.getByLabel('Email address');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(String(await field.getAttribute('aria-describedby')), /error/);
    await checkScreen(laptop, kind, '02-signup-field-error');

    await field.fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForBlock(page, 'passkey-append');
    const name = page.getByLabel('Name for this passkey');
    assert.equal(await name.inputValue(), email);
    await checkScreen(laptop, kind, '03-passkey-append');
    await name.fill('Work laptop');
    await page.getByRole('button', { name: 'Create passkey' }).click();

    await waitForBlock(page, 'completed');
    const detail = await signedInEvent(laptop);
    assert.match(detail.sessionToken, /^ey/);
    assert.equal(detail.user.email, email);
    assert.match(detail.user.id, /^usr-/);
    assert.equal(await meStatus(detail.sessionToken), 200);
    await page.getByText(`Signed in as ${email}`).first().waitFor();
    // The passkey carries the name chosen on the page.
    const [credential] = await laptop.cdp
      .send('WebAuthn.getCredentials', {
        authenticatorId: laptop.authenticatorId,
      })
      .then((answer) => answer.credentials);
    assert.equal(credential?.userDisplayName, 'Work laptop');
    assert.equal(credential?.userName, email);
    await checkScreen(laptop, kind, '04-signed-up');
  });

  test('[chromium] logout from <latchkey-user> ends the session', { skip }, async () => {
    const { page } = laptop;
    const token = (await signedInEvent(laptop)).sessionToken;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForFunction(() =>
      (window as unknown as { latchkeyEvents: Array<{ type: string }> }).latchkeyEvents.some(
        (event) => event.type === 'latchkey-signed-out',
      ),
    );
    assert.equal(await page.locator('latchkey-user').isHidden(), true);
    // <latchkey-auth> offers a new login at once.
    await waitForBlock(page, 'login-init');
    // The server ended the long session: the old token no longer reads /v2/me.
    assert.equal(await meStatus(token), 401);
    assert.deepEqual(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith('latchkey:')),
      ),
      [],
    );
    await checkScreen(laptop, kind, '05-logged-out');
  });

  test('[chromium] login with the passkey after typing the email', { skip }, async () => {
    const { page } = laptop;
    await harness.open(laptop, { elements: ['user', 'auth'], autofill: 'off' });
    await waitForBlock(page, 'login-init');
    await checkScreen(laptop, kind, '06-login-init');
    // The field offers passkeys in its autofill (conditional UI).
    assert.equal(
      await page.getByLabel('Email address').getAttribute('autocomplete'),
      'username webauthn',
    );
    // Keyboard only: the field has focus, Enter submits.
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    // passkey-verify starts the ceremony by itself; the virtual authenticator answers.
    await waitForBlock(page, 'completed');
    const blocks = (await eventsOf(page))
      .filter((event) => event.type === 'latchkey-block')
      .map((event) => event.detail.block);
    assert.deepEqual(blocks, ['login-init', 'passkey-verify', 'completed']);
    const detail = await signedInEvent(laptop);
    assert.equal(detail.user.email, email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForBlock(page, 'login-init');
  });

  test('[chromium] login through autofill (conditional UI) without typing', { skip }, async () => {
    const { page } = laptop;
    await harness.open(laptop, { elements: ['user', 'auth'] });
    // The virtual authenticator answers the conditional request as soon as it is made, as a
    // person picking their passkey from the field's autofill list would.
    await waitForBlock(page, 'completed');
    const blocks = (await eventsOf(page))
      .filter((event) => event.type === 'latchkey-block')
      .map((event) => event.detail.block);
    assert.deepEqual(blocks, ['login-init', 'completed']);
    assert.equal((await signedInEvent(laptop)).user.email, email);
    await checkScreen(laptop, kind, '07-autofill-signed-in');
  });

  test('[chromium] login by email code on a device without a passkey, then the append prompt', {
    skip,
  }, async () => {
    harness.syncClock();
    // Another device: a passkey made in the same browser on the same OS would count as "on
    // this client" for the decision engine, which then offers no new one.
    const phone = await harness.newClient({ userAgent: androidChrome });
    const { page } = phone;
    await harness.open(phone, { elements: ['user', 'auth'], autofill: 'off' });
    await waitForBlock(page, 'login-init');
    const before = harness.smtp.messages.length;
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForBlock(page, 'passkey-verify');
    await checkScreen(phone, kind, '08-passkey-verify');
    // This device has no passkey for the account: the person asks for a code instead.
    await page.getByRole('button', { name: 'Email me a code instead' }).click();
    await waitForBlock(page, 'email-verify');
    const code = page.getByLabel('Verification code');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    // A new code only after retryNotBefore: the button counts down.
    const resend = page.getByRole('button', { name: /Send a new code in \d+ s/ });
    assert.equal(await resend.isDisabled(), true);
    await checkScreen(phone, kind, '09-email-verify');

    // A wrong code stays on the block with the error at the field.
    await code.fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('That code is not right.').waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    await checkScreen(phone, kind, '10-email-verify-wrong-code');

    const mail = await waitForMail(harness, email, before);
    await code.fill(codeIn(mail));
    await page.getByRole('button', { name: 'Verify' }).click();
    await waitForBlock(page, 'passkey-append');
    await checkScreen(phone, kind, '11-passkey-append-after-code');
    await page.getByLabel('Name for this passkey').fill('Phone');
    await page.getByRole('button', { name: 'Create passkey' }).click();
    await waitForBlock(page, 'passkey-appended');
    await checkScreen(phone, kind, '12-passkey-appended');
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForBlock(page, 'completed');
    assert.equal((await signedInEvent(phone)).user.email, email);
    assert.equal((await authenticatorCredentials(phone)).length, 1);
    await phone.close();
  });

  test('[chromium] <latchkey-passkeys> lists the passkeys and deletes one after confirming', {
    skip,
  }, async () => {
    const { page } = laptop;
    // Still signed in from the autofill login: the session is in this profile's storage.
    await harness.open(laptop, { elements: ['user', 'passkeys'] });
    const items = page.locator('latchkey-passkeys li');
    await items.nth(1).waitFor();
    assert.equal(await items.count(), 2);
    const first = items.first();
    await first.getByText(/^Created /).waitFor();
    assert.match(String(await first.textContent()), /This device only|Synced/);
    await checkScreen(laptop, kind, '13-passkey-list');
    const [laptopCredential] = await authenticatorCredentials(laptop);
    assert.ok(laptopCredential);
    const signals = () =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              latchkeySignals: Array<{ method: string; options: Record<string, unknown> }>;
            }
          ).latchkeySignals,
      );
    const listed = (await signals()).find((item) => item.method === 'signalAllAcceptedCredentials');
    const accepted = (listed?.options.allCredentialIds ?? []) as string[];
    assert.equal(accepted.length, 2);
    assert.ok(accepted.includes(laptopCredential.credentialId));

    // Delete: a confirmation dialog first; Cancel keeps the passkey.
    const deleteButtons = page.getByRole('button', { name: /^Delete passkey / });
    await deleteButtons.first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await checkScreen(laptop, kind, '14-confirm-delete');
    // Focus is on Cancel (the safe choice); Escape closes and returns focus to the opener.
    const focused = () =>
      page.evaluate(
        () =>
          document.querySelector('latchkey-passkeys')?.shadowRoot?.activeElement?.textContent ?? '',
      );
    assert.equal(await focused(), 'Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await focused(), 'Delete');
    await deleteButtons.first().click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await items.count(), 2);
    await deleteButtons.first().click();
    await dialog.getByRole('button', { name: 'Delete passkey' }).click();
    await page.getByText('Passkey deleted.').waitFor();
    assert.equal(await items.count(), 1);
    const unknown = (await signals()).find((item) => item.method === 'signalUnknownCredential');
    assert.equal(unknown?.options.credentialId, laptopCredential.credentialId);
    assert.equal(unknown?.options.rpId, 'localhost');
    const events = await eventsOf(page);
    assert.ok(events.some((event) => event.type === 'latchkey-passkey-deleted'));
    await checkScreen(laptop, kind, '15-passkey-deleted');

    // Adding one again (/v2/me/passkeys/append/*) brings the list back to two.
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey added.').waitFor();
    assert.equal(await items.count(), 2);
    assert.ok((await eventsOf(page)).some((event) => event.type === 'latchkey-passkey-added'));
  });

  test('[chromium] the session helper refreshes through the refresh cookie', { skip }, async () => {
    const { page } = laptop;
    const before = await page.evaluate(
      () =>
        (
          document.querySelector('latchkey-user') as unknown as {
            session: { sessionToken: string };
          }
        ).session.sessionToken,
    );
    // The refresh cookie lives on the Frontend API's host: the page never sees it, the
    // browser sends it with the credentialed cross-origin request.
    const after = await page.evaluate(() =>
      (
        document.querySelector('latchkey-user') as unknown as {
          session: { refresh(): Promise<string | null> };
        }
      ).session.refresh(),
    );
    assert.ok(after);
    assert.notEqual(after, before);
    assert.equal(await meStatus(after), 200);
    const stored = await page.evaluate(() =>
      Object.entries(localStorage).find(([key]) => key.startsWith('latchkey:')),
    );
    assert.ok(stored?.[1].includes(after), 'the new token is kept for the next page load');
    assert.ok(
      !stored?.[1].includes('lkr1_'),
      'a prod project never hands JavaScript a refresh token',
    );
  });

  test('[chromium] sign-up by email link: the waiting device goes on once the link is opened elsewhere', {
    skip,
  }, async () => {
    const { server, projectId, site } = harness;
    await updateProject(server.deps, projectId, {
      flow: { fallbacks: ['email-link'] },
      emailLinkUrl: `${site}/verify`,
    });
    harness.definePage('/verify', { elements: ['auth'] });
    harness.syncClock();
    const desktop = await harness.newClient();
    const linkEmail = `link-${kind}@example.com`;
    try {
      const { page } = desktop;
      await harness.open(desktop, { elements: ['auth'], mode: 'signup' });
      await waitForBlock(page, 'signup-init');
      const before = harness.smtp.messages.length;
      await page.getByLabel('Email address').fill(linkEmail);
      await page.getByRole('button', { name: 'Continue' }).click();
      await waitForBlock(page, 'passkey-append');
      // No passkey now: the fallback is the email link.
      await page.getByRole('button', { name: 'Not now' }).click();
      await waitForBlock(page, 'email-verify');
      await page.getByText('Waiting for you to open the link').waitFor();
      await checkScreen(desktop, kind, '17-email-link-waiting');

      const mail = await waitForMail(harness, linkEmail, before);
      const link = /https?:\/\/\S+challengeID=\S+/.exec(mail)?.[0];
      assert.ok(link?.startsWith(`${site}/verify?`), mail);
      // The link opened in another browser, which has no process of its own.
      const other = await harness.newClient();
      await other.page.goto(String(link));
      await other.page.getByText('Verified. Go back to the device where you started').waitFor();
      assert.equal(new URL(other.page.url()).search, '', 'the used code leaves the address bar');
      await checkScreen(other, kind, '18-email-link-opened');
      await other.close();

      // The waiting device polls and goes on by itself: the address is verified now, so it
      // offers the passkey once more, and "Not now" finishes the sign-up.
      await waitForBlock(page, 'passkey-append');
      await page.getByRole('button', { name: 'Not now' }).click();
      await waitForBlock(page, 'completed');
      assert.equal((await signedInEvent(desktop)).user.email, linkEmail);
    } finally {
      await desktop.close();
      await updateProject(server.deps, projectId, { flow: { fallbacks: ['email-otp'] } });
    }
  });

  test('[chromium] sign-up by phone: the SMS code on the phone-verify block', {
    skip,
  }, async () => {
    const { server, projectId } = harness;
    await updateProject(server.deps, projectId, {
      flow: { identifiers: ['phone'], fallbacks: ['phone-otp'] },
    });
    harness.syncClock();
    const client = await harness.newClient();
    try {
      const { page } = client;
      await harness.open(client, { elements: ['auth'], mode: 'signup' });
      await waitForBlock(page, 'signup-init');
      const phone = page.getByLabel('Phone number');
      assert.equal(await phone.getAttribute('type'), 'tel');
      assert.equal(await phone.getAttribute('autocomplete'), 'tel');
      await phone.fill('+49 151 23456789');
      await page.getByRole('button', { name: 'Continue' }).click();
      await waitForBlock(page, 'passkey-append');
      const before = harness.sms.requests.length;
      await page.getByRole('button', { name: 'Not now' }).click();
      await waitForBlock(page, 'phone-verify');
      await page.getByText('+4915123456789').waitFor();
      await checkScreen(client, kind, '19-phone-verify');
      const sent = harness.sms.requests.slice(before).at(-1);
      assert.equal(sent?.body.to, '+4915123456789');
      await page.getByLabel('Verification code').fill(codeIn(String(sent?.body.text)));
      await page.getByRole('button', { name: 'Verify' }).click();
      // The number is verified; the passkey is offered once more, and made this time.
      await waitForBlock(page, 'passkey-append');
      await page.getByRole('button', { name: 'Create passkey' }).click();
      await waitForBlock(page, 'completed');
      assert.equal(
        ((await signedInEvent(client)).user as unknown as { phoneNumber: string }).phoneNumber,
        '+4915123456789',
      );
    } finally {
      await client.close();
      await updateProject(server.deps, projectId, {
        flow: { identifiers: ['email'], fallbacks: ['email-otp'] },
      });
    }
  });

  test('[chromium] German texts and the dark theme', { skip }, async () => {
    const guest = await harness.newClient();
    await guest.page.emulateMedia({ colorScheme: 'dark' });
    await harness.open(guest, { elements: ['auth'], lang: 'de', theme: 'dark' });
    await waitForBlock(guest.page, 'login-init');
    await guest.page.getByLabel('E-Mail-Adresse').waitFor();
    await guest.page.getByRole('button', { name: 'Weiter' }).waitFor();
    const background = await auth(guest).evaluate((el) => {
      const container = el.shadowRoot?.querySelector('.container');
      return container ? getComputedStyle(container).backgroundColor : '';
    });
    assert.equal(background, 'rgb(22, 24, 29)');
    await checkScreen(guest, kind, '16-login-de-dark');

    // A language of the page's own: registered through the bundle's API, used once the
    // element's lang says so; what it leaves out falls back to English.
    await guest.page.evaluate(async () => {
      const web = (await import('/latchkey-web.js' as string)) as {
        registerLanguage(code: string, texts: Record<string, string>): void;
      };
      web.registerLanguage('fr', { loginTitle: 'Connexion', continue: 'Continuer' });
      document.querySelector('latchkey-auth')?.setAttribute('lang', 'fr');
    });
    await guest.page.getByRole('heading', { name: 'Connexion' }).waitFor();
    // Same process, drawn again: no new block was entered.
    const blocks = (await eventsOf(guest.page)).filter((event) => event.type === 'latchkey-block');
    assert.equal(blocks.length, 1);
    await guest.page.getByRole('button', { name: 'Continuer' }).waitFor();
    await guest.page.getByText('No account yet?').waitFor();
    await guest.close();
  });
});

/** The latest mail to `address` after the first `after` messages, waiting for it to arrive. */
async function waitForMail(harness: Harness, address: string, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mails = harness.smtp.messages
      .slice(after)
      .filter((mail) => mail.envelopeTo.includes(address));
    const last = mails[mails.length - 1];
    if (last) return last.text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${address}`);
}
