import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createMessaging } from '../../src/core/messages/create-messaging.js';
import type { Messaging } from '../../src/core/messages/transports.js';
import { type ProjectChanges, updateProjectRow } from '../../src/store/project.store.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { type SmsReceiver, startSmsReceiver } from '../support/sms-receiver.js';
import {
  type ReceivedMail,
  type SmtpReceiver,
  startSmtpReceiver,
} from '../support/smtp-receiver.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

interface WireChallenge {
  challengeID: string;
  type: string;
  identifierValue: string;
  value: string;
  expires: number;
  status: string;
}

const clientInformation = {
  remoteAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0',
  userVerifyingPlatformAuthenticatorAvailable: true,
  conditionalMediationAvailable: true,
  parsedDeviceInfo: {
    browserName: 'Chrome',
    browserVersion: '120.0',
    osName: 'Linux',
    osVersion: '6.1',
  },
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const defaultSender = 'Latchkey Test <no-reply@latchkey.test>';

/** The one six-digit code in a message text. */
function codeIn(text: string): string {
  const codes = text.match(/\b\d{6}\b/g) ?? [];
  assert.equal(codes.length, 1, `expected exactly one code in: ${text}`);
  return codes[0] as string;
}

/** The one link in a message text. */
function linkIn(text: string): URL {
  const links = text.match(/https?:\/\/\S+/g) ?? [];
  assert.equal(links.length, 1, `expected exactly one link in: ${text}`);
  return new URL(links[0] as string);
}

describeEachDatabase('Challenges (email OTP, email link, SMS OTP)', (kind) => {
  let server: TestServer;
  let smtp: SmtpReceiver;
  let sms: SmsReceiver;
  let failingMail = false;
  let counter = 0;

  before(async () => {
    smtp = await startSmtpReceiver({ auth: { user: 'latchkey', pass: 'p@ss word' } });
    sms = await startSmsReceiver();
    server = await createTestServer(kind, {
      messaging: (deps): Messaging => {
        const real = createMessaging(
          {
            smtpUrl: smtp.url,
            mailFrom: defaultSender,
            smsWebhookUrl: sms.url,
            smsWebhookAuth: 'Bearer sms-token',
          },
          deps,
          null,
        );
        // A transport of the test's own, to fail without any network involved.
        return {
          ...real,
          mail: {
            kind: real.mail.kind,
            send: async (mail) => {
              if (failingMail) throw new Error('the test transport is down');
              await real.mail.send(mail);
            },
          },
        };
      },
    });
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
    await sms?.close();
  });

  const unique = () => {
    counter += 1;
    return counter;
  };

  async function createUser(authorization = server.authorization): Promise<string> {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v2/users',
      headers: { authorization },
      payload: { status: 'active' },
    });
    return assertOk<{ userID: string }>(response, 'user').userID;
  }

  async function addIdentifier(
    userId: string,
    identifierType: 'email' | 'phone' | 'username',
    identifierValue: string,
    authorization = server.authorization,
  ): Promise<void> {
    const response = await server.app.inject({
      method: 'POST',
      url: `/v2/users/${userId}/identifiers`,
      headers: { authorization },
      payload: { identifierType, identifierValue, status: 'verified' },
    });
    assertOk(response, 'identifier');
  }

  /** A new user with a fresh email address (and phone number when asked). */
  async function userWithEmail(
    authorization = server.authorization,
  ): Promise<{ userId: string; email: string }> {
    const userId = await createUser(authorization);
    const email = `user${unique()}@example.com`;
    await addIdentifier(userId, 'email', email, authorization);
    return { userId, email };
  }

  async function userWithPhone(): Promise<{ userId: string; phone: string }> {
    const userId = await createUser();
    const phone = `+4915112${String(100000 + unique()).padStart(6, '0')}`;
    await addIdentifier(userId, 'phone', phone);
    return { userId, phone };
  }

  function postChallenge(
    userId: string,
    payload: Record<string, unknown>,
    authorization = server.authorization,
  ): Promise<LightMyRequestResponse> {
    return server.app.inject({
      method: 'POST',
      url: `/v2/users/${userId}/challenges`,
      headers: { authorization },
      payload,
    });
  }

  function patchChallenge(
    userId: string,
    challengeId: string,
    payload: unknown,
    authorization = server.authorization,
  ): Promise<LightMyRequestResponse> {
    return server.app.inject({
      method: 'PATCH',
      url: `/v2/users/${userId}/challenges/${challengeId}`,
      headers: { authorization },
      payload: payload as Record<string, unknown>,
    });
  }

  async function emailOtp(
    userId: string,
    email: string,
    extra: Record<string, unknown> = {},
    authorization = server.authorization,
  ): Promise<{ challenge: WireChallenge; mail: ReceivedMail; code: string }> {
    const before = smtp.messages.length;
    const response = await postChallenge(
      userId,
      { challengeType: 'email_otp', identifierValue: email, clientInformation, ...extra },
      authorization,
    );
    const challenge = assertOk<WireChallenge>(response, 'challenge');
    assert.equal(smtp.messages.length, before + 1, 'exactly one mail was sent');
    const mail = smtp.messages[smtp.messages.length - 1] as ReceivedMail;
    return { challenge, mail, code: codeIn(mail.text) };
  }

  async function challengeRow(id: string) {
    return server.deps.db
      .selectFrom('challenges')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async function counts() {
    const count = async (table: 'challenges' | 'outbound_messages') =>
      Number(
        (
          await server.deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      challenges: await count('challenges'),
      outbox: await count('outbound_messages'),
      mails: smtp.messages.length,
      sms: sms.requests.length,
    };
  }

  async function setProject(projectId: string, changes: ProjectChanges): Promise<void> {
    await updateProjectRow(server.deps.db, projectId, changes, server.clock.now());
  }

  test('email_otp: the mail arrives over SMTP, its code completes the challenge once', async () => {
    const { userId, email } = await userWithEmail();
    const now = server.clock.now();
    const { challenge, mail, code } = await emailOtp(userId, `  ${email.toUpperCase()} `, {
      challengeMetadata: { city: 'Munich' },
    });
    assert.match(challenge.challengeID, /^cha-\d{19}$/);
    assert.equal(challenge.type, 'email_otp');
    assert.equal(challenge.identifierValue, email, 'normalised like the identifier');
    assert.equal(challenge.value, '', 'the code is never returned');
    assert.equal(challenge.status, 'pending');
    assert.equal(challenge.expires, Math.floor(now / 1000) + 300, 'Unix seconds, 5 minutes');

    // The mail: envelope, headers, both parts, English, the configured sender, SMTP auth used.
    assert.equal(mail.user, 'latchkey');
    assert.deepEqual(mail.envelopeTo, [email]);
    assert.equal(mail.envelopeFrom, 'no-reply@latchkey.test');
    assert.equal(mail.from, defaultSender);
    assert.equal(mail.to, email);
    assert.equal(mail.subject, 'Your verification code for Test project');
    assert.match(mail.text, /Your verification code for Test project is:/);
    assert.match(mail.text, /valid for 5 minutes/);
    assert.match(mail.html, /^<!DOCTYPE html>/);
    assert.match(mail.html, /<html lang="en">/);
    assert.ok(mail.html.includes(code), 'the HTML part carries the same code');
    assert.ok(!mail.subject.includes(code));

    // Stored only as its SHA-256; the response and the row never carry it.
    assert.ok(!JSON.stringify(challenge).includes(code));
    const row = await challengeRow(challenge.challengeID);
    assert.ok(row);
    assert.equal(row.code_hash, sha256(code));
    assert.ok(!JSON.stringify(row).includes(`"${code}"`));
    assert.deepEqual(JSON.parse(row.metadata), { city: 'Munich' });
    assert.equal(Number(row.expires_at), challenge.expires * 1000);

    const completed = assertOk<WireChallenge>(
      await patchChallenge(userId, challenge.challengeID, { value: code }),
      'challenge',
    );
    assert.deepEqual(completed, { ...challenge, status: 'completed' });

    // Single use: the same code again, or any other value, is refused.
    for (const value of [code, '000000']) {
      assertError(await patchChallenge(userId, challenge.challengeID, { value }), {
        status: 409,
        code: 'CHALLENGE_NOT_PENDING',
      });
    }
    assert.equal((await challengeRow(challenge.challengeID))?.status, 'completed');
  });

  test('IDs without their prefixes work in the path; surrounding spaces in the value are ignored', async () => {
    const { userId, email } = await userWithEmail();
    const { challenge, code } = await emailOtp(userId, email);
    const response = await patchChallenge(
      userId.replace('usr-', ''),
      challenge.challengeID.replace('cha-', ''),
      { value: ` ${code}\n` },
    );
    assert.equal(assertOk<WireChallenge>(response, 'challenge').status, 'completed');
  });

  test('codes are six uniform digits, leading zeros included, and differ per challenge', async () => {
    const { userId, email } = await userWithEmail();
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await emailOtp(userId, email)).code);
    assert.equal(codes.size, 5);
    for (const code of codes) assert.match(code, /^\d{6}$/);
  });

  test('the language comes from challengeMetadata.locale, then the project default, else English', async () => {
    const other = await server.createProject('Bäckerei <Müller> & Söhne');
    await setProject(other.project.id, {
      defaultLocale: 'de',
      emailFrom: 'Bäckerei Müller <post@baeckerei.example>',
    });
    const { userId, email } = await userWithEmail(other.authorization);

    const german = await emailOtp(userId, email, {}, other.authorization);
    assert.equal(german.mail.subject, 'Ihr Bestätigungscode für Bäckerei <Müller> & Söhne');
    assert.match(german.mail.text, /Ihr Bestätigungscode für Bäckerei <Müller> & Söhne lautet:/);
    assert.match(german.mail.text, /Er ist 5 Minuten gültig/);
    assert.match(german.mail.html, /<html lang="de">/);
    assert.ok(german.mail.html.includes('Bäckerei &lt;Müller&gt; &amp; Söhne'), 'escaped in HTML');
    assert.ok(!german.mail.html.includes('<Müller>'), german.mail.html);
    assert.equal(german.mail.envelopeFrom, 'post@baeckerei.example', "the project's sender");
    assert.match(german.mail.from, /Bäckerei Müller.*<post@baeckerei\.example>/);

    const english = await emailOtp(
      userId,
      email,
      { challengeMetadata: { locale: 'en-GB' } },
      other.authorization,
    );
    assert.match(english.mail.subject, /^Your verification code for/);
    const unknown = await emailOtp(
      userId,
      email,
      { challengeMetadata: { locale: 'fr' } },
      other.authorization,
    );
    assert.match(
      unknown.mail.subject,
      /^Ihr Bestätigungscode/,
      'unknown languages fall back to the project',
    );

    const { userId: enUser, email: enEmail } = await userWithEmail();
    const austrian = await emailOtp(enUser, enEmail, { challengeMetadata: { locale: 'de-AT' } });
    assert.match(austrian.mail.subject, /^Ihr Bestätigungscode für Test project$/);
    assert.match(austrian.mail.from, /Latchkey Test/);
  });

  test('wrong values count atomically; after 5 the challenge is locked even for the right code', async () => {
    const { userId, email } = await userWithEmail();
    const { challenge, code } = await emailOtp(userId, email);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let attempt = 1; attempt <= 5; attempt++) {
      const body = assertError(
        await patchChallenge(userId, challenge.challengeID, {
          value: attempt === 3 ? 'abc' : wrong,
        }),
        { status: 400, code: 'CHALLENGE_CODE_INVALID', field: 'value' },
      );
      assert.match(body.error.validation?.[0]?.message ?? '', new RegExp(`${5 - attempt} tr`));
      assert.equal(Number((await challengeRow(challenge.challengeID))?.attempts), attempt);
    }
    for (const value of [code, wrong]) {
      assertError(await patchChallenge(userId, challenge.challengeID, { value }), {
        status: 429,
        code: 'CHALLENGE_LOCKED',
      });
    }
    const row = await challengeRow(challenge.challengeID);
    assert.equal(row?.status, 'pending');
    assert.equal(Number(row?.attempts), 5, 'refused tries on a locked challenge are not counted');
  });

  test('concurrent wrong values: exactly 5 are checked, the rest are locked out', async () => {
    const { userId, email } = await userWithEmail();
    const { challenge, code } = await emailOtp(userId, email);
    const wrong = code === '123456' ? '654321' : '123456';
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        patchChallenge(userId, challenge.challengeID, { value: wrong }),
      ),
    );
    const codes = responses.map(
      (response) => json<{ error: { code: string } }>(response).error.code,
    );
    assert.equal(codes.filter((c) => c === 'CHALLENGE_CODE_INVALID').length, 5, codes.join());
    assert.equal(codes.filter((c) => c === 'CHALLENGE_LOCKED').length, 7, codes.join());
    assert.equal(Number((await challengeRow(challenge.challengeID))?.attempts), 5);
  });

  test('10 concurrent updates with the right code: exactly one completes it', async () => {
    const { userId, email } = await userWithEmail();
    const { challenge, code } = await emailOtp(userId, email);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        patchChallenge(userId, challenge.challengeID, { value: code }),
      ),
    );
    const ok = responses.filter((response) => response.statusCode === 200);
    assert.equal(ok.length, 1, responses.map((r) => r.statusCode).join());
    assertOk(ok[0] as LightMyRequestResponse, 'challenge');
    for (const response of responses) {
      if (response.statusCode !== 200) {
        assertError(response, { status: 409, code: 'CHALLENGE_NOT_PENDING' });
      }
    }
    assert.equal(Number((await challengeRow(challenge.challengeID))?.attempts), 0);
  });

  test('expiry: the code works until the last millisecond, then CHALLENGE_EXPIRED', async () => {
    const { userId, email } = await userWithEmail();
    const early = await emailOtp(userId, email, { lifetimeSeconds: 60 });
    const late = await emailOtp(userId, email, { lifetimeSeconds: 60 });
    assert.equal(early.challenge.expires, Math.floor(server.clock.now() / 1000) + 60);
    const deadline = early.challenge.expires * 1000;
    server.clock.advance(deadline - 1 - server.clock.now());
    assertOk(
      await patchChallenge(userId, early.challenge.challengeID, { value: early.code }),
      'challenge',
    );
    server.clock.advance(1);
    assertError(await patchChallenge(userId, late.challenge.challengeID, { value: late.code }), {
      status: 400,
      code: 'CHALLENGE_EXPIRED',
    });
    assertError(await patchChallenge(userId, late.challenge.challengeID, { value: '000000' }), {
      status: 400,
      code: 'CHALLENGE_EXPIRED',
    });
    assert.equal(Number((await challengeRow(late.challenge.challengeID))?.attempts), 0);
    // A completed challenge stays "completed", expired or not.
    assertError(await patchChallenge(userId, early.challenge.challengeID, { value: early.code }), {
      status: 409,
      code: 'CHALLENGE_NOT_PENDING',
    });
  });

  test('lifetimes: 5 minutes for OTPs, 15 for links by default, at most an hour', async () => {
    const { userId, email } = await userWithEmail();
    const nowSeconds = Math.floor(server.clock.now() / 1000);
    const link = assertOk<WireChallenge>(
      await postChallenge(userId, {
        challengeType: 'email_link',
        identifierValue: email,
        clientInformation,
      }),
      'challenge',
    );
    assert.equal(link.expires, nowSeconds + 900);
    assert.match(smtp.messages.at(-1)?.text ?? '', /valid for 15 minutes/);
    const long = await emailOtp(userId, email, { lifetimeSeconds: 86_400 });
    assert.equal(long.challenge.expires, nowSeconds + 3600, 'clamped to an hour');
    assert.match(long.mail.text, /valid for 60 minutes/);
    const short = await emailOtp(userId, email, { lifetimeSeconds: '45' });
    assert.equal(short.challenge.expires, nowSeconds + 45);
    assert.match(short.mail.text, /valid for 45 seconds/);
  });

  test('email_link: the link goes to email_link_url with challengeID and code; its code completes it', async () => {
    const other = await server.createProject('Linked');
    await setProject(other.project.id, {
      emailLinkUrl: 'https://app.example.com/auth/verify?source=mail#top',
    });
    const { userId, email } = await userWithEmail(other.authorization);
    const challenge = assertOk<WireChallenge>(
      await postChallenge(
        userId,
        { challengeType: 'email_link', identifierValue: email, clientInformation },
        other.authorization,
      ),
      'challenge',
    );
    assert.equal(challenge.type, 'email_link');
    assert.equal(challenge.value, '');
    const mail = smtp.messages.at(-1) as ReceivedMail;
    assert.equal(mail.subject, 'Your verification link for Linked');
    const link = linkIn(mail.text);
    assert.equal(`${link.origin}${link.pathname}`, 'https://app.example.com/auth/verify');
    assert.equal(link.hash, '#top');
    assert.equal(link.searchParams.get('source'), 'mail');
    assert.equal(link.searchParams.get('challengeID'), challenge.challengeID);
    const code = link.searchParams.get('code') ?? '';
    assert.match(code, /^[0-9A-Za-z]{40}$/);
    assert.ok(mail.html.includes(`href="${link.href.replaceAll('&', '&amp;')}"`), mail.html);
    assert.equal((await challengeRow(challenge.challengeID))?.code_hash, sha256(code));

    assertError(
      await patchChallenge(
        userId,
        challenge.challengeID,
        { value: code.slice(0, 39) },
        other.authorization,
      ),
      { status: 400, code: 'CHALLENGE_CODE_INVALID', field: 'value' },
    );
    const completed = assertOk<WireChallenge>(
      await patchChallenge(userId, challenge.challengeID, { value: code }, other.authorization),
      'challenge',
    );
    assert.equal(completed.status, 'completed');
    assert.equal(completed.value, '');
  });

  test('email_link falls back to the Frontend API URL, then to the server public URL', async () => {
    const other = await server.createProject('Fallback');
    const { userId, email } = await userWithEmail(other.authorization);
    const send = async () => {
      assertOk(
        await postChallenge(
          userId,
          { challengeType: 'email_link', identifierValue: email, clientInformation },
          other.authorization,
        ),
        'challenge',
      );
      return linkIn((smtp.messages.at(-1) as ReceivedMail).text);
    };
    const publicLink = await send();
    assert.equal(publicLink.origin, 'http://localhost:8080');
    assert.equal(publicLink.pathname, '/');
    await setProject(other.project.id, { frontendApiUrl: 'https://auth.example.com' });
    const frontendLink = await send();
    assert.equal(frontendLink.origin, 'https://auth.example.com');
    assert.match(frontendLink.search, /^\?challengeID=cha-\d{19}&code=[0-9A-Za-z]{40}$/);
  });

  test('sms_otp: the SMS goes to the webhook as JSON {to, text}; its code completes it', async () => {
    const { userId, phone } = await userWithPhone();
    const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`;
    const challenge = assertOk<WireChallenge>(
      await postChallenge(userId, {
        challengeType: 'sms_otp',
        identifierValue: spaced,
        clientInformation,
      }),
      'challenge',
    );
    assert.equal(challenge.type, 'sms_otp');
    assert.equal(challenge.identifierValue, phone, 'E.164');
    const request = sms.requests.at(-1);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/sms');
    assert.equal(request.headers.authorization, 'Bearer sms-token');
    assert.match(String(request.headers['content-type']), /^application\/json/);
    assert.deepEqual(Object.keys(request.body).sort(), ['text', 'to']);
    assert.equal(request.body.to, phone);
    const text = String(request.body.text);
    assert.match(
      text,
      /^\d{6} is your verification code for Test project\. Valid for 5 minutes\.$/,
    );
    const code = codeIn(text);
    assertOk(await patchChallenge(userId, challenge.challengeID, { value: code }), 'challenge');

    const german = await postChallenge(userId, {
      challengeType: 'sms_otp',
      identifierValue: phone,
      clientInformation,
      challengeMetadata: { locale: 'de' },
    });
    assertOk(german, 'challenge');
    assert.match(
      String(sms.requests.at(-1)?.body.text),
      /^\d{6} ist Ihr Bestätigungscode für Test project\./,
    );
  });

  test('a failing transport: 502 MESSAGE_DELIVERY_FAILED and no challenge is left behind', async () => {
    const { userId, email } = await userWithEmail();
    const { userId: phoneUser, phone } = await userWithPhone();
    const before = await counts();

    smtp.rejectWith(550);
    try {
      assertError(
        await postChallenge(userId, {
          challengeType: 'email_otp',
          identifierValue: email,
          clientInformation,
        }),
        { status: 502, code: 'MESSAGE_DELIVERY_FAILED' },
      );
    } finally {
      smtp.rejectWith(undefined);
    }
    failingMail = true;
    try {
      assertError(
        await postChallenge(userId, {
          challengeType: 'email_link',
          identifierValue: email,
          clientInformation,
        }),
        { status: 502, code: 'MESSAGE_DELIVERY_FAILED' },
      );
    } finally {
      failingMail = false;
    }
    sms.respondWith(500);
    try {
      assertError(
        await postChallenge(phoneUser, {
          challengeType: 'sms_otp',
          identifierValue: phone,
          clientInformation,
        }),
        { status: 502, code: 'MESSAGE_DELIVERY_FAILED' },
      );
    } finally {
      sms.respondWith(202);
    }
    const afterwards = await counts();
    assert.equal(afterwards.challenges, before.challenges, 'no challenge row is left');
    assert.equal(afterwards.mails, before.mails);
    assert.equal(afterwards.sms, before.sms + 1, 'the webhook was called (and failed)');
    // Delivery works again afterwards.
    await emailOtp(userId, email);
  });

  test('creation is rate limited per user and identifier: 5 in 10 minutes', async () => {
    const { userId, email } = await userWithEmail();
    const second = `second${unique()}@example.com`;
    await addIdentifier(userId, 'email', second);
    for (let i = 0; i < 5; i++) {
      await (i % 2 === 0
        ? emailOtp(userId, email)
        : postChallenge(userId, {
            challengeType: 'email_link',
            identifierValue: email,
            clientInformation,
          }).then((response) => assertOk(response, 'challenge')));
    }
    const before = await counts();
    const limited = await postChallenge(userId, {
      challengeType: 'email_otp',
      identifierValue: email.toUpperCase(),
      clientInformation,
    });
    assertError(limited, { status: 429, code: 'RATE_LIMITED' });
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
    assert.deepEqual(await counts(), before, 'nothing is written or sent');
    // Another of the user's addresses has its own budget.
    await emailOtp(userId, second);
    server.clock.advance(10 * 60 * 1000);
    await emailOtp(userId, email);
  });

  test('create: bad input of every kind gets a 4xx naming the field and writes nothing', async () => {
    const { userId, email } = await userWithEmail();
    const { userId: otherUser, email: otherEmail } = await userWithEmail();
    await addIdentifier(userId, 'username', `name${unique()}`);
    const { phone } = await userWithPhone();
    const foreign = await server.createProject('Foreign');
    const foreignUser = await userWithEmail(foreign.authorization);
    const valid = { challengeType: 'email_otp', identifierValue: email, clientInformation };
    const without = (field: string) => {
      const copy: Record<string, unknown> = { ...valid };
      delete copy[field];
      return copy;
    };
    const before = await counts();

    const cases: {
      label: string;
      user?: string;
      payload: unknown;
      status?: number;
      code?: string;
      field?: string;
    }[] = [
      { label: 'no challengeType', payload: without('challengeType'), field: 'challengeType' },
      {
        label: 'no identifierValue',
        payload: without('identifierValue'),
        field: 'identifierValue',
      },
      {
        label: 'no clientInformation',
        payload: without('clientInformation'),
        field: 'clientInformation',
      },
      {
        label: 'unknown type',
        payload: { ...valid, challengeType: 'push_otp' },
        field: 'challengeType',
      },
      {
        label: 'type not a string',
        payload: { ...valid, challengeType: ['email_otp'] },
        field: 'challengeType',
      },
      {
        label: 'identifier an object',
        payload: { ...valid, identifierValue: { a: 1 } },
        field: 'identifierValue',
      },
      {
        label: 'identifier too long',
        payload: { ...valid, identifierValue: `${'a'.repeat(310)}@example.com` },
        field: 'identifierValue',
      },
      {
        label: 'identifier empty',
        payload: { ...valid, identifierValue: '' },
        field: 'identifierValue',
      },
      {
        label: 'not an email',
        payload: { ...valid, identifierValue: 'jane' },
        field: 'identifierValue',
      },
      {
        label: 'control character',
        payload: { ...valid, identifierValue: `a\u0000${email}` },
        field: 'identifierValue',
      },
      {
        label: 'a phone for email',
        payload: { ...valid, identifierValue: phone },
        field: 'identifierValue',
      },
      {
        label: 'an email for sms',
        payload: { ...valid, challengeType: 'sms_otp' },
        field: 'identifierValue',
      },
      {
        label: 'phone of someone else',
        payload: { ...valid, challengeType: 'sms_otp', identifierValue: phone },
        field: 'identifierValue',
      },
      {
        label: 'email of another user',
        payload: { ...valid, identifierValue: otherEmail },
        field: 'identifierValue',
      },
      {
        label: 'email of another project',
        payload: { ...valid, identifierValue: foreignUser.email },
        field: 'identifierValue',
      },
      {
        label: 'unknown email',
        payload: { ...valid, identifierValue: 'nobody@example.com' },
        field: 'identifierValue',
      },
      {
        label: 'lifetime zero',
        payload: { ...valid, lifetimeSeconds: 0 },
        field: 'lifetimeSeconds',
      },
      {
        label: 'lifetime negative',
        payload: { ...valid, lifetimeSeconds: -5 },
        field: 'lifetimeSeconds',
      },
      {
        label: 'lifetime fraction',
        payload: { ...valid, lifetimeSeconds: 1.5 },
        field: 'lifetimeSeconds',
      },
      {
        label: 'lifetime text',
        payload: { ...valid, lifetimeSeconds: 'soon' },
        field: 'lifetimeSeconds',
      },
      {
        label: 'metadata not an object',
        payload: { ...valid, challengeMetadata: 'x' },
        field: 'challengeMetadata',
      },
      {
        label: 'metadata an array',
        payload: { ...valid, challengeMetadata: [1] },
        field: 'challengeMetadata',
      },
      {
        label: 'metadata too large',
        payload: { ...valid, challengeMetadata: { blob: 'x'.repeat(5000) } },
        field: 'challengeMetadata',
      },
      {
        label: 'locale not a string',
        payload: { ...valid, challengeMetadata: { locale: 5 } },
        field: 'challengeMetadata.locale',
      },
      {
        label: 'locale not a tag',
        payload: { ...valid, challengeMetadata: { locale: '../../etc' } },
        field: 'challengeMetadata.locale',
      },
      {
        label: 'clientInformation not an object',
        payload: { ...valid, clientInformation: 'x' },
        field: 'clientInformation',
      },
      {
        label: 'clientInformation incomplete',
        payload: {
          ...valid,
          clientInformation: { ...clientInformation, parsedDeviceInfo: undefined },
        },
        field: 'clientInformation.parsedDeviceInfo',
      },
      {
        label: 'user agent too long',
        payload: {
          ...valid,
          clientInformation: { ...clientInformation, userAgent: 'x'.repeat(1025) },
        },
        field: 'clientInformation.userAgent',
      },
      { label: 'malformed user ID', user: 'abc', payload: valid, field: 'userID' },
      {
        label: 'unknown user',
        user: 'usr-1234567890123456789',
        payload: valid,
        status: 404,
        code: 'USER_NOT_FOUND',
      },
      {
        label: "another project's user",
        user: foreignUser.userId,
        payload: valid,
        status: 404,
        code: 'USER_NOT_FOUND',
      },
      {
        label: 'another user, own email',
        user: otherUser,
        payload: valid,
        field: 'identifierValue',
      },
    ];
    for (const item of cases) {
      const response = await postChallenge(
        item.user ?? userId,
        item.payload as Record<string, unknown>,
      );
      assertError(response, {
        status: item.status ?? 400,
        code: item.code ?? 'VALIDATION_FAILED',
        label: item.label,
        ...(item.field !== undefined && { field: item.field }),
      });
    }
    assertError(
      await postChallenge(foreignUser.userId, { ...valid, identifierValue: foreignUser.email }),
      {
        status: 404,
        code: 'USER_NOT_FOUND',
        label: "another project's user with its own email",
      },
    );
    const malformed = await server.app.inject({
      method: 'POST',
      url: `/v2/users/${userId}/challenges`,
      headers: { authorization: server.authorization, 'content-type': 'application/json' },
      payload: '{"challengeType":',
    });
    assertError(malformed, { status: 400, code: 'MALFORMED_BODY' });

    assert.deepEqual(await counts(), before, 'nothing was written or sent');
    const counters = await server.deps.db
      .selectFrom('rate_limit_counters')
      .select('key')
      .where('key', 'like', 'challenge-create:%')
      .execute();
    assert.ok(
      counters.every(
        (counter) => !counter.key.includes(userId) && !counter.key.includes(otherUser),
      ),
      'rejected requests use up no rate-limit budget',
    );
  });

  test('update: bad input of every kind gets a 4xx naming the field and changes nothing', async () => {
    const { userId, email } = await userWithEmail();
    const { userId: otherUser, email: otherEmail } = await userWithEmail();
    const { challenge, code } = await emailOtp(userId, email);
    const { challenge: otherChallenge } = await emailOtp(otherUser, otherEmail);
    const foreign = await server.createProject('Foreign update');
    const foreignUser = await userWithEmail(foreign.authorization);
    const { challenge: foreignChallenge } = await emailOtp(
      foreignUser.userId,
      foreignUser.email,
      {},
      foreign.authorization,
    );

    const cases: {
      label: string;
      user?: string;
      id?: string;
      payload: unknown;
      status?: number;
      code?: string;
      field?: string;
      authorization?: string;
    }[] = [
      { label: 'no value', payload: {}, field: 'value' },
      { label: 'value an object', payload: { value: { code } }, field: 'value' },
      { label: 'value an array', payload: { value: [code] }, field: 'value' },
      { label: 'value empty', payload: { value: '' }, field: 'value' },
      { label: 'value blank', payload: { value: '   ' }, field: 'value' },
      { label: 'value too long', payload: { value: '1'.repeat(129) }, field: 'value' },
      {
        label: 'malformed challenge ID',
        id: 'abc',
        payload: { value: code },
        field: 'challengeID',
      },
      {
        label: 'wrong prefix',
        id: challenge.challengeID.replace('cha-', 'usr-'),
        payload: { value: code },
        field: 'challengeID',
      },
      { label: 'malformed user ID', user: 'abc', payload: { value: code }, field: 'userID' },
      {
        label: 'oversized challenge ID',
        id: `cha-${'1'.repeat(70)}`,
        payload: { value: code },
        field: 'challengeID',
      },
      {
        label: 'oversized user ID',
        user: `usr-${'1'.repeat(70)}`,
        payload: { value: code },
        field: 'userID',
      },
      {
        label: 'unknown challenge',
        id: 'cha-1234567890123456789',
        payload: { value: code },
        status: 404,
        code: 'CHALLENGE_NOT_FOUND',
      },
      {
        label: 'unknown user',
        user: 'usr-1234567890123456789',
        payload: { value: code },
        status: 404,
        code: 'USER_NOT_FOUND',
      },
      {
        label: "another user's challenge",
        id: otherChallenge.challengeID,
        payload: { value: code },
        status: 404,
        code: 'CHALLENGE_NOT_FOUND',
      },
      {
        label: 'challenge under another user',
        user: otherUser,
        payload: { value: code },
        status: 404,
        code: 'CHALLENGE_NOT_FOUND',
      },
      {
        label: "another project's challenge",
        user: foreignUser.userId,
        id: foreignChallenge.challengeID,
        payload: { value: code },
        status: 404,
        code: 'USER_NOT_FOUND',
      },
      {
        label: "this challenge with another project's credentials",
        authorization: foreign.authorization,
        payload: { value: code },
        status: 404,
        code: 'USER_NOT_FOUND',
      },
    ];
    for (const item of cases) {
      const response = await patchChallenge(
        item.user ?? userId,
        item.id ?? challenge.challengeID,
        item.payload,
        item.authorization,
      );
      assertError(response, {
        status: item.status ?? 400,
        code: item.code ?? 'VALIDATION_FAILED',
        label: item.label,
        ...(item.field !== undefined && { field: item.field }),
      });
    }
    for (const id of [
      challenge.challengeID,
      otherChallenge.challengeID,
      foreignChallenge.challengeID,
    ]) {
      const row = await challengeRow(id);
      assert.equal(row?.status, 'pending');
      assert.equal(Number(row?.attempts), 0, 'no rejected request counted as a try');
    }
    // Form-encoded bodies work as well as JSON.
    const form = await server.app.inject({
      method: 'PATCH',
      url: `/v2/users/${userId}/challenges/${challenge.challengeID}`,
      headers: {
        authorization: server.authorization,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `value=${code}`,
    });
    assert.equal(assertOk<WireChallenge>(form, 'challenge').status, 'completed');
  });
});

describeEachDatabase('Challenges with the dev transports', (kind) => {
  let server: TestServer;
  let printed = '';

  before(async () => {
    // Near the real time, so `latchkey mails` (which reads the real clock) sees the messages.
    server = await createTestServer(kind, {
      startMs: Date.now(),
      messaging: (deps) =>
        createMessaging({}, deps, (text) => {
          printed += text;
        }),
    });
  });
  after(async () => {
    await server?.close();
  });

  test('mail and SMS go to the terminal and the dev outbox, and their codes work', async () => {
    const userResponse = await server.app.inject({
      method: 'POST',
      url: '/v2/users',
      headers: { authorization: server.authorization },
      payload: { status: 'active' },
    });
    const userId = assertOk<{ userID: string }>(userResponse, 'user').userID;
    for (const [identifierType, identifierValue] of [
      ['email', 'dev@example.com'],
      ['phone', '+4915199999999'],
    ]) {
      assertOk(
        await server.app.inject({
          method: 'POST',
          url: `/v2/users/${userId}/identifiers`,
          headers: { authorization: server.authorization },
          payload: { identifierType, identifierValue, status: 'verified' },
        }),
        'identifier',
      );
    }
    const create = async (challengeType: string, identifierValue: string) =>
      assertOk<WireChallenge>(
        await server.app.inject({
          method: 'POST',
          url: `/v2/users/${userId}/challenges`,
          headers: { authorization: server.authorization },
          payload: { challengeType, identifierValue, clientInformation },
        }),
        'challenge',
      );

    const mailChallenge = await create('email_otp', 'dev@example.com');
    const mailRow = await server.deps.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('channel', '=', 'email')
      .executeTakeFirstOrThrow();
    assert.match(mailRow.id, /^msg-\d{19}$/);
    assert.equal(mailRow.project_id, server.project.id);
    assert.equal(mailRow.recipient, 'dev@example.com');
    assert.equal(mailRow.subject, 'Your verification code for Test project');
    const mailCode = codeIn(mailRow.text_body);
    assert.ok(mailRow.html_body?.includes(mailCode));
    assert.equal(Number(mailRow.expires_at) - Number(mailRow.created_at), 24 * 60 * 60 * 1000);
    assert.match(printed, /Latchkey dev mail \(not sent: LATCHKEY_SMTP_URL is not set\)/);
    assert.match(printed, /\| To: +dev@example\.com/);
    assert.ok(printed.includes(mailCode), 'the code is visible in the terminal');

    server.clock.advance(1000);
    const smsChallenge = await create('sms_otp', '+4915199999999');
    const smsRow = await server.deps.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    assert.equal(smsRow.recipient, '+4915199999999');
    assert.equal(smsRow.html_body, null);
    const smsCode = codeIn(smsRow.text_body);
    assert.match(printed, /Latchkey dev SMS/);

    for (const [challenge, code] of [
      [mailChallenge, mailCode],
      [smsChallenge, smsCode],
    ] as const) {
      assertOk(
        await server.app.inject({
          method: 'PATCH',
          url: `/v2/users/${userId}/challenges/${challenge.challengeID}`,
          headers: { authorization: server.authorization },
          payload: { value: code },
        }),
        'challenge',
      );
    }
  });
});
