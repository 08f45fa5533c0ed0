import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  basicAuthHeader,
  parseStartBanner,
  runCli,
  runCliJson,
  type StartedServer,
  startLatchkey,
} from '../support/cli.js';
import {
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';

interface OutboxEntry {
  id: string;
  projectID: string;
  channel: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  created: string;
  expires: string;
}

const clientInformation = {
  remoteAddress: '127.0.0.1',
  userAgent: 'test',
  userVerifyingPlatformAuthenticatorAvailable: false,
  conditionalMediationAvailable: false,
  parsedDeviceInfo: { browserName: 'x', browserVersion: '1', osName: 'y', osVersion: '2' },
};

test('help describes `latchkey mails` and the messaging settings of `latchkey start`', async () => {
  const [top, mails, start] = await Promise.all([
    runCli(['--help']),
    runCli(['mails', '--help']),
    runCli(['start', '--help']),
  ]);
  assert.match(top.stdout, /\bmails\b/);
  for (const option of ['--project', '--limit', '--json', '--data-dir', '--database-url']) {
    assert.ok(mails.stdout.includes(option), `mails --help mentions ${option}`);
  }
  for (const option of [
    '--smtp-url',
    'LATCHKEY_SMTP_URL',
    '--mail-from',
    'LATCHKEY_MAIL_FROM',
    '--sms-webhook-url',
    'LATCHKEY_SMS_WEBHOOK_URL',
    '--sms-webhook-auth',
    'LATCHKEY_SMS_WEBHOOK_AUTH',
  ]) {
    assert.ok(start.stdout.includes(option), `start --help mentions ${option}`);
  }
});

test('start refuses a bad LATCHKEY_SMTP_URL without echoing its password', async () => {
  const result = await runCli(['start', '--port', '0'], {
    env: { LATCHKEY_SMTP_URL: 'http://user:hunter2@mail.example.com' },
  });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /LATCHKEY_SMTP_URL \(--smtp-url\)/);
  assert.ok(!result.stderr.includes('hunter2'), result.stderr);
});

describeEachDatabase('latchkey mails (dev outbox)', (kind) => {
  let database: TestDatabaseLocation;
  let server: StartedServer | undefined;
  before(async () => {
    database = await createTestDatabaseLocation(kind);
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await database.cleanup();
  });

  test('without SMTP a challenge mail is printed by the server and listed by `latchkey mails`', async () => {
    const env = database.env;
    server = await startLatchkey(['--log-format', 'json'], { env });
    const banner = parseStartBanner(server.stdout());
    assert.ok(banner.apiSecret, 'the first start prints the API secret');
    const headers = {
      authorization: basicAuthHeader(banner.projectId, banner.apiSecret),
      'content-type': 'application/json',
    };
    const call = async (path: string, body: unknown) => {
      const response = await fetch(`${server?.baseUrl}/v2${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 200, await response.clone().text());
      return (await response.json()) as Record<string, string>;
    };
    const user = await call('/users', { status: 'active' });
    const userId = user.userID as string;
    await call(`/users/${userId}/identifiers`, {
      identifierType: 'email',
      identifierValue: 'cli@example.com',
      status: 'verified',
    });
    await call(`/users/${userId}/identifiers`, {
      identifierType: 'phone',
      identifierValue: '+4915111111111',
      status: 'verified',
    });
    const mailChallenge = await call(`/users/${userId}/challenges`, {
      challengeType: 'email_otp',
      identifierValue: 'cli@example.com',
      clientInformation,
    });
    assert.equal(mailChallenge.value, '');

    // The developer sees the whole message, code included, on the server's stderr.
    const framed = await server.waitForOutput(
      /Latchkey dev mail[^\n]*\n(?:\|[^\n]*\n)*?\| +(\d{6})\n/,
    );
    const printedCode = framed[1] as string;
    assert.match(server.stderr(), /\| To: +cli@example\.com/);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await call(`/users/${userId}/challenges`, {
      challengeType: 'sms_otp',
      identifierValue: '+4915111111111',
      clientInformation,
    });
    await server.waitForOutput(/Latchkey dev SMS/);

    const all = await runCliJson<OutboxEntry[]>(['mails', '--json'], { env });
    assert.equal(all.length, 2);
    const [sms, mail] = all as [OutboxEntry, OutboxEntry];
    assert.equal(sms.channel, 'sms', 'newest first');
    assert.equal(sms.to, '+4915111111111');
    assert.equal(sms.html, null);
    assert.equal(mail.channel, 'email');
    assert.equal(mail.projectID, banner.projectId);
    assert.equal(mail.to, 'cli@example.com');
    assert.match(mail.subject, /^Your verification code for /);
    assert.ok(mail.text.includes(printedCode), 'the outbox has the code that was printed');
    assert.ok(mail.html?.includes(printedCode));
    assert.match(mail.id, /^msg-\d{19}$/);

    // The printed code completes the challenge.
    const completed = await fetch(
      `${server.baseUrl}/v2/users/${userId}/challenges/${mailChallenge.challengeID}`,
      { method: 'PATCH', headers, body: JSON.stringify({ value: printedCode }) },
    );
    assert.equal(completed.status, 200);
    assert.equal(((await completed.json()) as { status: string }).status, 'completed');

    const limited = await runCliJson<OutboxEntry[]>(
      ['mails', '--json', '--limit', '1', '--project', banner.projectId],
      { env },
    );
    assert.deepEqual(
      limited.map((entry) => entry.channel),
      ['sms'],
    );
    const none = await runCliJson<OutboxEntry[]>(
      ['mails', '--json', '--project', 'pro-1234567890123456789'],
      { env },
    );
    assert.deepEqual(none, []);

    const human = await runCli(['mails'], { env });
    assert.equal(human.code, 0, human.stderr);
    assert.ok(human.stdout.includes(printedCode));
    assert.match(human.stdout, /To: +cli@example\.com/);

    for (const args of [
      ['--limit', 'abc'],
      ['--limit', '0'],
      ['--project', 'nope'],
    ]) {
      const bad = await runCli(['mails', ...args], { env });
      assert.equal(bad.code, 1, `${args.join(' ')}: ${bad.stderr}`);
      assert.match(bad.stderr, new RegExp(`error: ${args[0]}: `));
    }
  });
});
