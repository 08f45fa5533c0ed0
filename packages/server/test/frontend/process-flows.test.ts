import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createMessaging } from '../../src/core/messages/create-messaging.js';
import { updateProject } from '../../src/core/projects/update-project.js';
import { updateUserRow } from '../../src/store/user.store.js';
import { assertError } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { testOrigin } from '../support/passkey-client.js';
import {
  codeIn,
  frontendClient,
  iphoneSafari,
  ProcessClient,
  type WireBlock,
} from '../support/process-client.js';
import { claimsOf, setCookies } from '../support/session-client.js';
import { type SmsReceiver, startSmsReceiver } from '../support/sms-receiver.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';
import {
  createSoftwareAuthenticator,
  type SoftwareAuthenticator,
} from '../support/webauthn/software-authenticator.js';

const noPasskeys = frontendClient({ isUserVerifyingPlatformAuthenticatorAvailable: false });

describeEachDatabase('Frontend API: process flows (/v2/auth/*)', (kind) => {
  let server: TestServer;
  let smtp: SmtpReceiver;
  let sms: SmsReceiver;
  let counter = 0;
  before(async () => {
    smtp = await startSmtpReceiver();
    sms = await startSmsReceiver();
    server = await createTestServer(kind, {
      messaging: (deps) =>
        createMessaging(
          { smtpUrl: smtp.url, mailFrom: 'auth@example.com', smsWebhookUrl: sms.url },
          deps,
          null,
        ),
    });
  });
  after(async () => {
    await server.close();
    await smtp.close();
    await sms.close();
  });

  const newEmail = () => `user${++counter}-${kind}@example.com`;
  const process = (projectId = server.project.id, userAgent?: string) =>
    new ProcessClient(server, projectId, userAgent);
  const mailTo = (address: string) => {
    const mails = smtp.messages.filter((mail) => mail.envelopeTo.includes(address));
    assert.ok(mails.length > 0, `no mail to ${address}`);
    return mails[mails.length - 1]?.text ?? '';
  };
  const challengeOf = (block: WireBlock) => JSON.parse(String(block.data.challenge));
  /** A new login process on `flow`, the email entered on login-init: the next block. */
  const loginInit = async (flow: ProcessClient, email: string) => {
    await flow.init({ preferredBlock: 'login-init' });
    return flow.step('/v2/auth/login/init', { identifierValue: email, isPhone: false });
  };

  /** Sign-up with a passkey; returns the user's authenticator, email and the completed block. */
  const signUpWithPasskey = async (email = newEmail()) => {
    const flow = process();
    const first = await flow.init();
    assert.equal(first.block, 'signup-init');
    const append = await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    assert.equal(append.block, 'passkey-append', JSON.stringify(append));
    assert.equal(append.data.autoSubmit, true);
    assert.equal(append.alternatives?.[0]?.block, 'email-verify');
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    const credential = authenticator.createCredential(challengeOf(append), { origin: testOrigin });
    const completed = await flow.step('/v2/auth/passkey/append/finish', {
      signedChallenge: JSON.stringify(credential),
    });
    return { flow, authenticator, email, completed };
  };

  const loginWithPasskey = async (authenticator: SoftwareAuthenticator, email: string) => {
    const flow = process();
    assert.equal((await flow.init({ preferredBlock: 'login-init' })).block, 'login-init');
    const verify = await flow.step('/v2/auth/login/init', {
      identifierValue: email,
      isPhone: false,
    });
    assert.equal(verify.block, 'passkey-verify', JSON.stringify(verify));
    const assertion = authenticator.getAssertion(challengeOf(verify), { origin: testOrigin });
    return flow.step('/v2/auth/passkey/login/finish', {
      signedChallenge: JSON.stringify(assertion),
    });
  };

  test('init: token, expiry, signup-init and the Frontend API URL; GET answers the same block', async () => {
    const flow = process();
    const response = await flow.call('POST', '/v2/auth/process/init', {
      clientInformation: frontendClient(),
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = json<{
      token: string;
      expiresAt: number;
      processResponse: { blockBody: WireBlock; common: Record<string, unknown> };
    }>(response);
    assert.match(body.token, /^lkp1_[0-9A-Za-z]{43}$/);
    assert.equal(body.expiresAt, Math.floor(server.clock.now() / 1000) + 30 * 60);
    assert.equal(body.processResponse.common.frontendApiUrl, 'http://localhost:8080');
    assert.equal(body.processResponse.common.appName, server.project.name);
    const block = body.processResponse.blockBody;
    assert.equal(block.block, 'signup-init');
    assert.equal(block.authType, 'signup');
    assert.deepEqual(block.data.identifiers, [{ type: 'email', identifier: '' }]);
    flow.token = body.token;
    assert.equal((await flow.step('/v2/auth/process', undefined, 'GET')).block, 'signup-init');
    // Switching to login and back before anything was sent.
    const login = await flow.step('/v2/auth/process?preferredBlock=login-init', undefined, 'GET');
    assert.equal(login.block, 'login-init');
    assert.equal(login.data.isEmailAvailable, true);
  });

  test('unknown, missing, expired and finished processes answer errors, never 500', async () => {
    const flow = process();
    assertError(await flow.call('GET', '/v2/auth/process', undefined, ''), {
      status: 404,
      code: 'PROCESS_NOT_FOUND',
    });
    assertError(await flow.call('GET', '/v2/auth/process', undefined, `lkp1_${'x'.repeat(43)}`), {
      status: 404,
      code: 'PROCESS_NOT_FOUND',
    });
    await flow.init();
    // Another project's token is unknown there.
    const other = await server.createProject('Other');
    assertError(
      await process(other.project.id).call('GET', '/v2/auth/process', undefined, flow.token),
      {
        status: 404,
        code: 'PROCESS_NOT_FOUND',
      },
    );
    // An action the block does not offer.
    assertError(await flow.call('POST', '/v2/auth/block/skip', {}), {
      status: 409,
      code: 'PROCESS_ACTION_NOT_ALLOWED',
    });
    // Bad input names the field.
    const bad = await flow.call('POST', '/v2/auth/login/init', { identifierValue: 1 });
    assert.equal(bad.statusCode, 400, bad.body);
    server.clock.advance(30 * 60 * 1000);
    assertError(await flow.call('GET', '/v2/auth/process'), {
      status: 410,
      code: 'PROCESS_EXPIRED',
    });
    // A completed process is finished.
    const { flow: done } = await signUpWithPasskey();
    assertError(await done.call('GET', '/v2/auth/process'), {
      status: 409,
      code: 'PROCESS_FINISHED',
    });
    assertError(await done.call('POST', '/v2/auth/process/reset'), {
      status: 409,
      code: 'PROCESS_FINISHED',
    });
  });

  test('email sign-up with a passkey: completed carries shortSession, sessionToken and the refresh cookie', async () => {
    const { flow, completed, email } = await signUpWithPasskey();
    assert.equal(completed.block, 'completed', JSON.stringify(completed));
    const data = completed.data as Record<string, unknown>;
    assert.equal(data.shortSession, data.sessionToken);
    assert.equal(data.longSession, undefined, 'a prod browser keeps it in the cookie');
    const claims = claimsOf(String(data.sessionToken));
    assert.equal(claims.orig, email);
    assert.equal(claims.email, email);
    assert.deepEqual(
      { ...(data.passkeyOperation as Record<string, unknown>), ceremonyType: 'x' },
      {
        operationType: 'append',
        identifierValue: email,
        identifierType: 'email',
        ceremonyType: 'x',
      },
    );
    const cookies = setCookies(flow.lastResponse as never);
    assert.match(cookies.get('cbo_refresh_token') ?? '', /^cbo_refresh_token=lkr1_.*HttpOnly/);
    // The session works for /v2/me, and the user is active.
    const me = await server.app.inject({
      method: 'GET',
      url: '/v2/me',
      headers: {
        'x-corbado-projectid': server.project.id,
        authorization: `Bearer ${data.sessionToken}`,
      },
    });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(json<{ identifiers: { value: string }[] }>(me).identifiers[0]?.value, email);
    // Signing up again with the same email is a field error on signup-init.
    const again = process();
    await again.init();
    const taken = await again.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email.toUpperCase() }],
    });
    assert.equal(taken.block, 'signup-init');
    const identifiers = taken.data.identifiers as { error?: { code: string } }[];
    assert.equal(identifiers[0]?.error?.code, 'identifier_already_in_use');
  });

  test('an app gets longSession in the completed block', async () => {
    const flow = process();
    await flow.init({ clientInformation: frontendClient({ isNative: true }) });
    const append = await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: newEmail() }],
    });
    const authenticator = createSoftwareAuthenticator();
    const credential = authenticator.createCredential(challengeOf(append), { origin: testOrigin });
    const completed = await flow.step('/v2/auth/passkey/append/finish', {
      signedChallenge: JSON.stringify(credential),
    });
    assert.match(String(completed.data.longSession), /^lkr1_/);
  });

  test('login with a passkey (identifier-first), and a refused assertion keeps the block', async () => {
    const { authenticator, email } = await signUpWithPasskey();
    const completed = await loginWithPasskey(authenticator, email);
    assert.equal(completed.block, 'completed', JSON.stringify(completed));
    assert.equal(
      (completed.data.passkeyOperation as { operationType: string }).operationType,
      'verify',
    );
    assert.equal(claimsOf(String(completed.data.sessionToken)).orig, email);

    const flow = process();
    const verify = await loginInit(flow, email);
    const assertion = authenticator.getAssertion(challengeOf(verify), {
      origin: testOrigin,
      tamper: { corruptSignature: true },
    });
    const refused = await flow.step('/v2/auth/passkey/login/finish', {
      signedChallenge: JSON.stringify(assertion),
    });
    assert.equal(refused.block, 'passkey-verify');
    assert.equal(refused.error?.code, 'passkey_error');
    assert.notEqual(refused.data.challenge, verify.data.challenge, 'fresh options');
    const retry = authenticator.getAssertion(challengeOf(refused), { origin: testOrigin });
    const done = await flow.step('/v2/auth/passkey/login/finish', {
      signedChallenge: JSON.stringify(retry),
    });
    assert.equal(done.block, 'completed');
  });

  test('conditional-UI login: login-init carries the challenge, mediation/finish completes', async () => {
    const { authenticator, email } = await signUpWithPasskey();
    const flow = process();
    const init = await flow.init({
      preferredBlock: 'login-init',
      clientInformation: frontendClient({ isConditionalMediationAvailable: true }),
    });
    assert.equal(init.block, 'login-init');
    const options = JSON.parse(String(init.data.conditionalUIChallenge));
    assert.deepEqual(options.publicKey.allowCredentials ?? [], []);
    const assertion = authenticator.getAssertion(options, { origin: testOrigin });
    const completed = await flow.step('/v2/auth/passkey/mediation/finish', {
      signedChallenge: JSON.stringify(assertion),
    });
    assert.equal(completed.block, 'completed', JSON.stringify(completed));
    assert.equal(claimsOf(String(completed.data.sessionToken)).orig, email);
    // A client without conditional UI gets no challenge.
    const plain = await process().init({ preferredBlock: 'login-init' });
    assert.equal(plain.data.conditionalUIChallenge, undefined);
  });

  test('email OTP: sign-up on a client without passkeys, then login with OTP followed by a passkey append', async () => {
    const email = newEmail();
    const signup = process();
    await signup.init({ clientInformation: noPasskeys });
    const verify = await signup.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    assert.equal(verify.block, 'email-verify', JSON.stringify(verify));
    assert.equal(verify.data.verificationMethod, 'email-otp');
    assert.equal(verify.data.identifier, email);
    assert.equal(verify.data.retryNotBefore, Math.floor(server.clock.now() / 1000) + 30);
    const done = await signup.step('/v2/auth/identifier/verify/finish', {
      code: codeIn(mailTo(email)),
      identifierType: 'email',
      verificationType: 'email-otp',
      isNewDevice: false,
    });
    assert.equal(done.block, 'completed', JSON.stringify(done));

    // Login on a client that can create passkeys: the user has none, so OTP, then append.
    const login = process();
    const otp = await loginInit(login, email);
    assert.equal(otp.block, 'email-verify', JSON.stringify(otp));
    const append = await login.step('/v2/auth/identifier/verify/finish', {
      code: codeIn(mailTo(email)),
      identifierType: 'email',
      verificationType: 'email-otp',
      isNewDevice: false,
    });
    assert.equal(append.block, 'passkey-append', JSON.stringify(append));
    assert.equal(append.data.autoSubmit, false);
    const authenticator = createSoftwareAuthenticator();
    const credential = authenticator.createCredential(challengeOf(append), { origin: testOrigin });
    const appended = await login.step('/v2/auth/passkey/append/finish', {
      signedChallenge: JSON.stringify(credential),
    });
    assert.equal(appended.block, 'passkey-appended');
    const completed = await login.step('/v2/auth/block/skip');
    assert.equal(completed.block, 'completed');
    assert.equal(
      (completed.data.passkeyOperation as { operationType: string }).operationType,
      'append',
    );
    // From now on the user logs in with that passkey.
    assert.equal((await loginWithPasskey(authenticator, email)).block, 'completed');
  });

  test('OTP errors: wrong code, too many tries, expired code, resend delay; skip without a passkey', async () => {
    const email = newEmail();
    const flow = process();
    await flow.init({ clientInformation: noPasskeys });
    await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    const finish = (code: string) =>
      flow.step('/v2/auth/identifier/verify/finish', {
        code,
        identifierType: 'email',
        verificationType: 'email-otp',
        isNewDevice: false,
      });
    const right = codeIn(mailTo(email));
    const wrong = right === '000000' ? '111111' : '000000';
    const first = await finish(wrong);
    assert.equal(first.block, 'email-verify');
    assert.equal(first.error?.code, 'invalid_code');
    assert.equal((first.data.error as { code: string }).code, 'invalid_code');
    for (let i = 0; i < 4; i++) await finish(wrong);
    assert.equal((await finish(right)).error?.code, 'too_many_attempts');
    // A resend right away is refused with retryNotBefore; after 30 s a new code comes.
    const early = await flow.step('/v2/auth/identifier/verify/start', {
      identifierType: 'email',
      verificationType: 'email-otp',
    });
    assert.equal(early.error?.code, 'retry_later');
    server.clock.advance(30_000);
    const resent = await flow.step('/v2/auth/identifier/verify/start', {
      identifierType: 'email',
      verificationType: 'email-otp',
    });
    assert.equal(resent.error, undefined);
    const fresh = codeIn(mailTo(email));
    // Codes live 5 minutes (docs/challenges-and-messaging.md).
    server.clock.advance(10 * 60 * 1000);
    assert.equal((await finish(fresh)).error?.code, 'code_expired');
    // A method the project does not allow.
    const link = await flow.step('/v2/auth/identifier/verify/start', {
      identifierType: 'email',
      verificationType: 'phone-otp',
    });
    assert.equal(link.error?.code, 'verification_not_allowed');
  });

  test('sign-up: skipping the passkey leads to email verification; reset mid-flow starts over', async () => {
    const email = newEmail();
    const flow = process();
    await flow.init();
    await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    const verify = await flow.step('/v2/auth/block/skip');
    assert.equal(verify.block, 'email-verify');
    const reset = await flow.step('/v2/auth/process/reset');
    assert.equal(reset.block, 'signup-init');
    assert.deepEqual(reset.data.identifiers, [{ type: 'email', identifier: '' }]);
    // The unfinished sign-up does not block the address.
    const append = await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    assert.equal(append.block, 'passkey-append');
    // Invalid input is a field error.
    const other = process();
    await other.init();
    const invalid = await other.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: 'not-an-email' }],
    });
    assert.equal(invalid.block, 'signup-init');
    assert.equal(
      (invalid.data.identifiers as { error?: { code: string } }[])[0]?.error?.code,
      'invalid',
    );
  });

  test('login: unknown identifier, disabled user, and a project that does not reveal unknown identifiers', async () => {
    const flow = process();
    await flow.init({ preferredBlock: 'login-init' });
    const unknown = await flow.step('/v2/auth/login/init', {
      identifierValue: newEmail(),
      isPhone: false,
    });
    assert.equal(unknown.block, 'login-init');
    assert.equal((unknown.data.fieldError as { code: string }).code, 'unknown_identifier');

    const { email, completed } = await signUpWithPasskey();
    const userId = String(claimsOf(String(completed.data.sessionToken)).sub);
    await updateUserRow(server.deps.db, server.project.id, userId, { status: 'disabled' }, 0);
    const disabled = await flow.step('/v2/auth/login/init', {
      identifierValue: email,
      isPhone: false,
    });
    assert.equal((disabled.data.fieldError as { code: string }).code, 'user_disabled');

    const quiet = await server.createProject('Quiet');
    await updateProject(server.deps, quiet.project.id, {
      flow: { revealUnknownIdentifier: false },
    });
    const hidden = process(quiet.project.id);
    await hidden.init({ preferredBlock: 'login-init' });
    const before = smtp.messages.length;
    const nobody = newEmail();
    const block = await hidden.step('/v2/auth/login/init', {
      identifierValue: nobody,
      isPhone: false,
    });
    assert.equal(block.block, 'email-verify', 'looks like a known user without passkeys');
    assert.equal(block.data.identifier, nobody);
    assert.equal(smtp.messages.length, before, 'nothing sent');
    const guess = await hidden.step('/v2/auth/identifier/verify/finish', {
      code: '123456',
      identifierType: 'email',
      verificationType: 'email-otp',
      isNewDevice: false,
    });
    assert.equal(guess.error?.code, 'invalid_code');
  });

  test('phone OTP through the SMS transport', async () => {
    const phoneProject = await server.createProject('Phone');
    await updateProject(server.deps, phoneProject.project.id, {
      flow: { identifiers: ['phone'], fallbacks: ['phone-otp'] },
    });
    const flow = process(phoneProject.project.id);
    await flow.init({ clientInformation: noPasskeys });
    const verify = await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'phone', identifier: '+49 151 12345678' }],
    });
    assert.equal(verify.block, 'phone-verify', JSON.stringify(verify));
    assert.equal(verify.data.identifier, '+4915112345678');
    const sent = sms.requests[sms.requests.length - 1];
    assert.equal(sent?.body.to, '+4915112345678');
    const done = await flow.step('/v2/auth/identifier/verify/finish', {
      code: codeIn(String(sent?.body.text)),
      identifierType: 'phone',
      verificationType: 'phone-otp',
      isNewDevice: false,
    });
    assert.equal(done.block, 'completed', JSON.stringify(done));
    assert.equal(claimsOf(String(done.data.sessionToken)).phone_number, '+4915112345678');
  });

  test('email link verified on a second device completes the waiting process', async () => {
    const links = await server.createProject('Links');
    await updateProject(server.deps, links.project.id, {
      flow: { fallbacks: ['email-link'] },
      emailLinkUrl: 'https://app.example.com/verify',
    });
    const email = newEmail();
    const waiting = process(links.project.id);
    await waiting.init({ clientInformation: noPasskeys });
    const verify = await waiting.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    assert.equal(verify.block, 'email-verify', JSON.stringify(verify));
    assert.equal(verify.data.verificationMethod, 'email-link');
    const still = await waiting.step('/v2/auth/identifier/verify/status', undefined, 'GET');
    assert.equal(still.block, 'email-verify');
    const link = new URL(/https:\/\/app\.example\.com\/verify\S*/.exec(mailTo(email))?.[0] ?? '');
    const linkCode = `${link.searchParams.get('challengeID')}.${link.searchParams.get('code')}`;

    const other = process(links.project.id);
    const finish = (code: string) =>
      other.call('POST', '/v2/auth/identifier/verify/finish', {
        code,
        identifierType: 'email',
        verificationType: 'email-link',
        isNewDevice: true,
      });
    const wrong = await finish(`${link.searchParams.get('challengeID')}.wrong`);
    assertError(wrong, { status: 400, code: 'CHALLENGE_CODE_INVALID' });
    assert.equal(
      json<{ error: { validation: { field: string }[] } }>(wrong).error.validation[0]?.field,
      'code',
    );
    assertError(await finish('garbage'), { status: 400, code: 'VALIDATION_FAILED' });
    const opened = await finish(linkCode);
    assert.equal(opened.statusCode, 200, opened.body);
    const openedBlock = json<{ blockBody: WireBlock }>(opened).blockBody;
    assert.equal(openedBlock.continueOnOtherDevice?.reason, 'email-link-verified');
    assert.equal(openedBlock.data.sessionToken, undefined, 'no session for the other device');

    const completed = await waiting.step('/v2/auth/identifier/verify/status', undefined, 'GET');
    assert.equal(completed.block, 'completed', JSON.stringify(completed));
    assert.equal(claimsOf(String(completed.data.sessionToken)).orig, email);
    const again = json<{ blockBody: WireBlock }>(await finish(linkCode)).blockBody;
    assert.equal(again.continueOnOtherDevice?.reason, 'process-already-completed');
  });

  test('/v2/auth/events records a passkey event for the process user', async () => {
    const { email } = await signUpWithPasskey();
    const flow = process();
    await flow.init({ preferredBlock: 'login-init' });
    const early = await flow.call('POST', '/v2/auth/events', { eventType: 'login-explicit-abort' });
    assert.equal(early.statusCode, 204, 'no user yet: nothing to count, still 204');
    await flow.step('/v2/auth/login/init', { identifierValue: email, isPhone: false });
    const recorded = await flow.call('POST', '/v2/auth/events', { eventType: 'login-error' });
    assert.equal(recorded.statusCode, 204, recorded.body);
    const rows = await server.deps.db
      .selectFrom('passkey_events')
      .select(['event_type', 'process_id'])
      .where('project_id', '=', server.project.id)
      .execute();
    assert.ok(
      rows.some((row) => row.event_type === 'login-error' && row.process_id?.startsWith('prc-')),
    );
    const bad = await flow.call('POST', '/v2/auth/events', { eventType: 'party' });
    assert.equal(bad.statusCode, 400);
    assertError(await flow.call('POST', '/v2/auth/events', { eventType: 'login-error' }, ''), {
      status: 404,
      code: 'PROCESS_NOT_FOUND',
    });
  });

  const otpFinish = (flow: ProcessClient, code: string) =>
    flow.step('/v2/auth/identifier/verify/finish', {
      code,
      identifierType: 'email',
      verificationType: 'email-otp',
      isNewDevice: false,
    });

  /** Sign-up by email OTP on a client without passkeys; the user has no passkey. */
  const signUpWithOtp = async (email = newEmail()) => {
    const signup = process();
    await signup.init({ clientInformation: noPasskeys });
    await signup.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    assert.equal((await otpFinish(signup, codeIn(mailTo(email)))).block, 'completed');
    return email;
  };

  /** Sign-up with a passkey on an iPhone; the desktop can reach that passkey over hybrid only. */
  const signUpOnPhone = async (projectId = server.project.id) => {
    const phone = createSoftwareAuthenticator({ signCounter: 'zero' });
    const email = newEmail();
    const signup = process(projectId, iphoneSafari);
    await signup.init();
    const append = await signup.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    const made = phone.createCredential(challengeOf(append), { origin: testOrigin });
    const done = await signup.step('/v2/auth/passkey/append/finish', {
      signedChallenge: JSON.stringify(made),
    });
    assert.equal(done.block, 'completed', JSON.stringify(done));
    return { phone, email };
  };

  test('post-signup-email-verify: the passkey first, then the email code, then completed', async () => {
    const project = await server.createProject('Verify after passkey');
    await updateProject(server.deps, project.project.id, {
      flow: { verifyAtSignup: ['email'], verifyEmailAfterPasskey: true },
    });
    const email = newEmail();
    const flow = process(project.project.id);
    await flow.init();
    const append = await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: email }],
    });
    assert.equal(append.block, 'passkey-append', JSON.stringify(append));
    assert.equal(append.data.autoSubmit, true);
    const sentBefore = smtp.messages.length;
    const authenticator = createSoftwareAuthenticator();
    const credential = authenticator.createCredential(challengeOf(append), { origin: testOrigin });
    const verify = await flow.step('/v2/auth/passkey/append/finish', {
      signedChallenge: JSON.stringify(credential),
    });
    assert.equal(verify.block, 'post-signup-email-verify', JSON.stringify(verify));
    assert.equal(verify.authType, 'signup');
    assert.deepEqual(verify.data, { blockType: 'post-signup-email-verify' });
    assert.equal(smtp.messages.length, sentBefore + 1, 'the code went out after the passkey');
    const code = codeIn(mailTo(email));
    // No session yet, and the user is still pending.
    assert.equal(verify.data.sessionToken, undefined);
    const wrong = await otpFinish(flow, code === '000000' ? '111111' : '000000');
    assert.equal(wrong.block, 'post-signup-email-verify');
    assert.equal(wrong.error?.code, 'invalid_code');
    const early = await flow.step('/v2/auth/identifier/verify/start', {
      identifierType: 'email',
      verificationType: 'email-otp',
    });
    assert.equal(early.block, 'post-signup-email-verify');
    assert.equal(early.error?.code, 'retry_later');
    const other = await flow.step('/v2/auth/identifier/verify/start', {
      identifierType: 'email',
      verificationType: 'email-link',
    });
    assert.equal(other.error?.code, 'verification_not_allowed');
    assertError(await flow.call('POST', '/v2/auth/block/skip', {}), {
      status: 409,
      code: 'PROCESS_ACTION_NOT_ALLOWED',
    });
    // A mistyped address can still be fixed here: the code goes to the new one.
    const moved = newEmail();
    const changed = await flow.step('/v2/auth/identifier/update', {
      identifierType: 'email',
      value: moved,
    });
    assert.equal(changed.block, 'post-signup-email-verify', JSON.stringify(changed));
    assert.equal(changed.error, undefined);
    const completed = await otpFinish(flow, codeIn(mailTo(moved)));
    assert.equal(completed.block, 'completed', JSON.stringify(completed));
    assert.equal(claimsOf(String(completed.data.sessionToken)).email, moved);
    assert.equal(
      (completed.data.passkeyOperation as { operationType: string }).operationType,
      'append',
    );
    const me = await server.app.inject({
      method: 'GET',
      url: '/v2/me',
      headers: {
        'x-corbado-projectid': project.project.id,
        authorization: `Bearer ${completed.data.sessionToken}`,
      },
    });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(
      json<{ identifiers: { status: string }[] }>(me).identifiers[0]?.status,
      'verified',
    );

    // A sign-up left on post-signup-email-verify never proved the address: a new sign-up with
    // it takes over, passkey and all.
    const abandoned = newEmail();
    const first = process(project.project.id);
    await first.init();
    const firstAppend = await first.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: abandoned }],
    });
    const stray = createSoftwareAuthenticator().createCredential(challengeOf(firstAppend), {
      origin: testOrigin,
    });
    const left = await first.step('/v2/auth/passkey/append/finish', {
      signedChallenge: JSON.stringify(stray),
    });
    assert.equal(left.block, 'post-signup-email-verify');
    const second = process(project.project.id);
    await second.init();
    const retaken = await second.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: abandoned }],
    });
    assert.equal(retaken.block, 'passkey-append', JSON.stringify(retaken));

    // A client that cannot create a passkey verifies the email first, as without the setting.
    const plain = process(project.project.id);
    await plain.init({ clientInformation: noPasskeys });
    const first2 = await plain.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: newEmail() }],
    });
    assert.equal(first2.block, 'email-verify');
  });

  test("passkey-append-after-hybrid: a login with a phone's passkey offers one on this device", async () => {
    // The passkey lives on an iPhone; the desktop reaches it over hybrid (cross-platform).
    const { phone, email } = await signUpOnPhone();
    phone.options.authenticatorAttachment = 'cross-platform';
    phone.options.transports = ['hybrid', 'internal'];

    const hybridLogin = async () => {
      const flow = process();
      const verify = await loginInit(flow, email);
      assert.equal(verify.block, 'passkey-verify', JSON.stringify(verify));
      const assertion = phone.getAssertion(challengeOf(verify), { origin: testOrigin });
      const next = await flow.step('/v2/auth/passkey/login/finish', {
        signedChallenge: JSON.stringify(assertion),
      });
      return { flow, next };
    };
    const { flow, next: offer } = await hybridLogin();
    assert.equal(offer.block, 'passkey-append-after-hybrid', JSON.stringify(offer));
    assert.equal(offer.authType, 'login');
    assert.equal(offer.data.variant, 'after-hybrid');
    assert.equal(offer.data.autoSubmit, false);
    assert.equal(offer.data.identifierValue, email);
    const options = challengeOf(offer);
    assert.equal(options.publicKey.excludeCredentials?.length, 1, 'the phone passkey is excluded');
    // A refused credential keeps the block with fresh options.
    const desktop = createSoftwareAuthenticator();
    const bad = desktop.createCredential(options, {
      origin: testOrigin,
      tamper: { clientData: { type: 'webauthn.get' } },
    });
    const refused = await flow.step('/v2/auth/passkey/append/finish', {
      signedChallenge: JSON.stringify(bad),
    });
    assert.equal(refused.block, 'passkey-append-after-hybrid');
    assert.equal(refused.error?.code, 'passkey_error');
    const local = desktop.createCredential(challengeOf(refused), { origin: testOrigin });
    const appended = await flow.step('/v2/auth/passkey/append/finish', {
      signedChallenge: JSON.stringify(local),
    });
    assert.equal(appended.block, 'passkey-appended', JSON.stringify(appended));
    const completed = await flow.step('/v2/auth/process/complete');
    assert.equal(completed.block, 'completed');
    assert.equal(claimsOf(String(completed.data.sessionToken)).orig, email);
    // This desktop has a passkey now: the local one logs in without any offer, and another
    // hybrid login here is not asked again.
    assert.equal((await loginWithPasskey(desktop, email)).block, 'completed');
    const { next: again } = await hybridLogin();
    assert.equal(again.block, 'completed', JSON.stringify(again));
    assert.equal((again.data.passkeyOperation as { ceremonyType: string }).ceremonyType, 'cda');
  });

  test('passkey-append-after-hybrid: skip completes; a project can turn the offer off', async () => {
    const project = await server.createProject('Hybrid');
    const { phone, email } = await signUpOnPhone(project.project.id);
    phone.options.authenticatorAttachment = 'cross-platform';
    const conditional = frontendClient({ isConditionalMediationAvailable: true });
    const mediationLogin = async () => {
      const flow = process(project.project.id);
      const init = await flow.init({
        preferredBlock: 'login-init',
        clientInformation: conditional,
      });
      const assertion = phone.getAssertion(JSON.parse(String(init.data.conditionalUIChallenge)), {
        origin: testOrigin,
      });
      const next = await flow.step('/v2/auth/passkey/mediation/finish', {
        signedChallenge: JSON.stringify(assertion),
      });
      return { flow, next };
    };
    const { flow, next } = await mediationLogin();
    assert.equal(next.block, 'passkey-append-after-hybrid', JSON.stringify(next));
    const skipped = await flow.step('/v2/auth/block/skip');
    assert.equal(skipped.block, 'completed', JSON.stringify(skipped));
    assert.equal(claimsOf(String(skipped.data.sessionToken)).orig, email);
    await updateProject(server.deps, project.project.id, {
      flow: { offerPasskeyAfterHybrid: false },
    });
    assert.equal((await mediationLogin()).next.block, 'completed');
  });

  test('passkey-append variant after-error: an OTP login after passkey login errors here', async () => {
    const { email } = await signUpOnPhone();
    const flow = process();
    const verify = await loginInit(flow, email);
    assert.equal(verify.block, 'passkey-verify');
    const failed = await flow.call('POST', '/v2/auth/events', { eventType: 'login-error' });
    assert.equal(failed.statusCode, 204, failed.body);
    const otp = await flow.step('/v2/auth/identifier/verify/start', {
      identifierType: 'email',
      verificationType: 'email-otp',
    });
    assert.equal(otp.block, 'email-verify', JSON.stringify(otp));
    const offer = await otpFinish(flow, codeIn(mailTo(email)));
    assert.equal(offer.block, 'passkey-append', JSON.stringify(offer));
    assert.equal(offer.data.variant, 'after-error');
    assert.equal(offer.data.autoSubmit, false);
  });

  test('identifier/update: a mistyped email gets the code again at the right address', async () => {
    const typo = newEmail().replace('@example.com', '@exmaple.com');
    const right = newEmail();
    const flow = process();
    await flow.init({ clientInformation: noPasskeys });
    const verify = await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: typo }],
    });
    assert.equal(verify.block, 'email-verify');
    const oldCode = codeIn(mailTo(typo));
    const update = (identifierType: string, value: string) =>
      flow.step('/v2/auth/identifier/update', { identifierType, value });
    // Bad input: a value that is no email, the wrong type, another account's address.
    assert.equal((await update('email', 'not-an-email')).error?.code, 'invalid');
    assert.equal((await update('phone', '+4915112345678')).error?.code, 'unsupported');
    const { email: takenEmail } = await signUpWithPasskey();
    const clash = await update('email', takenEmail);
    assert.equal(clash.block, 'email-verify');
    assert.equal(clash.error?.code, 'identifier_already_in_use');
    const malformed = await flow.call('POST', '/v2/auth/identifier/update', { value: right });
    assert.equal(malformed.statusCode, 400, malformed.body);
    // The fix: a new code goes to the new address at once (no resend delay for a new value).
    const fixed = await update('email', right.toUpperCase());
    assert.equal(fixed.block, 'email-verify', JSON.stringify(fixed));
    assert.equal(fixed.error, undefined, JSON.stringify(fixed));
    assert.equal(fixed.data.identifier, right);
    const newCode = codeIn(mailTo(right));
    if (oldCode !== newCode) {
      assert.equal((await otpFinish(flow, oldCode)).error?.code, 'invalid_code');
    }
    const done = await otpFinish(flow, newCode);
    assert.equal(done.block, 'completed', JSON.stringify(done));
    const claims = claimsOf(String(done.data.sessionToken));
    assert.equal(claims.email, right);
    // The mistyped address is free again.
    const again = process();
    await again.init({ clientInformation: noPasskeys });
    const free = await again.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: typo }],
    });
    assert.equal(free.block, 'email-verify', JSON.stringify(free));
  });

  test('identifier/update: rate-limited per process; a login starts over with the new value', async () => {
    const flow = process();
    await flow.init({ clientInformation: noPasskeys });
    await flow.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: newEmail() }],
    });
    for (let i = 0; i < 5; i++) {
      const changed = await flow.step('/v2/auth/identifier/update', {
        identifierType: 'email',
        value: newEmail(),
      });
      assert.equal(changed.error, undefined, JSON.stringify(changed));
    }
    const limited = await flow.step('/v2/auth/identifier/update', {
      identifierType: 'email',
      value: newEmail(),
    });
    assert.equal(limited.block, 'email-verify');
    assert.equal(limited.error?.code, 'rate_limited');

    // Login: an OTP for an account without passkeys, then the address of one with a passkey.
    const { email: withPasskey } = await signUpWithPasskey();
    const otpOnly = await signUpWithOtp();
    const login = process();
    await login.init({ preferredBlock: 'login-init', clientInformation: noPasskeys });
    const otp = await login.step('/v2/auth/login/init', {
      identifierValue: otpOnly,
      isPhone: false,
    });
    assert.equal(otp.block, 'email-verify');
    const switched = await login.step('/v2/auth/identifier/update', {
      identifierType: 'email',
      value: withPasskey,
    });
    assert.equal(switched.block, 'passkey-verify', JSON.stringify(switched));
    assert.equal(switched.data.identifierValue, withPasskey);
    // Not offered where no code waits.
    assertError(
      await login.call('POST', '/v2/auth/identifier/update', {
        identifierType: 'email',
        value: otpOnly,
      }),
      { status: 409, code: 'PROCESS_ACTION_NOT_ALLOWED' },
    );
  });

  test('preferredBlock: an alternative of the block is granted, anything else answers the block', async () => {
    const { email } = await signUpWithPasskey();
    const flow = process();
    const verify = await loginInit(flow, email);
    assert.equal(verify.block, 'passkey-verify');
    assert.equal(verify.alternatives?.[0]?.block, 'email-verify');
    const get = (preferred: string) =>
      flow.call('GET', `/v2/auth/process?preferredBlock=${preferred}`);
    // Not an alternative here: a wish the process cannot grant.
    for (const preferred of ['completed', 'signup-init', 'passkey-verify', 'social-verify']) {
      const same = json<{ blockBody: WireBlock }>(await get(preferred)).blockBody;
      assert.equal(same.block, 'passkey-verify', preferred);
    }
    const bad = await get('lobby');
    assertError(bad, { status: 400, code: 'VALIDATION_FAILED' });
    assert.equal(
      json<{ error: { validation: { field: string }[] } }>(bad).error.validation[0]?.field,
      'preferredBlock',
    );
    // A fresh window of the per-address send limit (the whole file shares 127.0.0.1).
    server.clock.advance(10 * 60 * 1000);
    const sent = smtp.messages.length;
    const otp = json<{ blockBody: WireBlock }>(await get('email-verify')).blockBody;
    assert.equal(otp.block, 'email-verify', JSON.stringify(otp));
    assert.equal(otp.error, undefined, JSON.stringify(otp));
    assert.equal(otp.data.verificationMethod, 'email-otp');
    assert.equal(smtp.messages.length, sent + 1, 'the code of the alternative went out');
    assert.equal((await otpFinish(flow, codeIn(mailTo(email)))).block, 'completed');

    // Sign-up: passkey-append's alternative is the email code.
    const signup = process();
    await signup.init();
    await signup.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: newEmail() }],
    });
    const fallback = await signup.step(
      '/v2/auth/process?preferredBlock=email-verify',
      undefined,
      'GET',
    );
    assert.equal(fallback.block, 'email-verify', JSON.stringify(fallback));
  });

  test('two concurrent calls on the same step: exactly one succeeds (the version check)', async () => {
    // Asking for a new code waits for the mail server, so the calls overlap even on SQLite
    // (whose queries run one at a time): all read the same version, one writes.
    const waiting = process();
    await waiting.init({ clientInformation: noPasskeys });
    await waiting.step('/v2/auth/signup/init', {
      identifiers: [{ type: 'email', identifier: newEmail() }],
    });
    server.clock.advance(30_000);
    const resends = await Promise.all(
      Array.from({ length: 3 }, () =>
        waiting.call('POST', '/v2/auth/identifier/verify/start', {
          identifierType: 'email',
          verificationType: 'email-otp',
        }),
      ),
    );
    const resent = resends.filter((answer) => answer.statusCode === 200);
    assert.equal(resent.length, 1, resends.map((answer) => answer.body).join('\n'));
    for (const answer of resends.filter((item) => item.statusCode !== 200)) {
      assertError(answer, { status: 409, code: 'CONFLICT' });
    }

    const email = await signUpWithOtp();
    const flow = process();
    await loginInit(flow, email);
    const offer = await otpFinish(flow, codeIn(mailTo(email)));
    assert.equal(offer.block, 'passkey-append', JSON.stringify(offer));
    const userId = (
      await server.deps.db
        .selectFrom('identifiers')
        .select('user_id')
        .where('project_id', '=', server.project.id)
        .where('value', '=', email)
        .executeTakeFirstOrThrow()
    ).user_id;
    const countSessions = async () =>
      (
        await server.deps.db
          .selectFrom('sessions')
          .select('id')
          .where('user_id', '=', userId)
          .execute()
      ).length;
    const before = await countSessions();
    // Each skip would complete the login and issue a session; only one may.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => flow.call('POST', '/v2/auth/block/skip', {})),
    );
    const won = answers.filter((answer) => answer.statusCode === 200);
    assert.equal(won.length, 1, answers.map((answer) => answer.body).join('\n'));
    assert.equal(json<{ blockBody: WireBlock }>(won[0] as never).blockBody.block, 'completed');
    // The others lost the race on the version (CONFLICT), or came after the winner's write
    // and found the process finished.
    const lost = answers
      .filter((answer) => answer.statusCode !== 200)
      .map((answer) => {
        assert.equal(answer.statusCode, 409, answer.body);
        return json<{ error: { code: string } }>(answer).error.code;
      });
    for (const code of lost) assert.ok(['CONFLICT', 'PROCESS_FINISHED'].includes(code), code);
    assert.equal((await countSessions()) - before, 1, 'one session issued');
  });

  test('flow settings are validated and name the field', async () => {
    await assert.rejects(
      updateProject(server.deps, server.project.id, { flow: { fallbacks: ['carrier-pigeon'] } }),
      (error: { code: string; validation: { field: string }[] }) =>
        error.code === 'VALIDATION_FAILED' && error.validation[0]?.field === 'flow.fallbacks',
    );
    await assert.rejects(
      updateProject(server.deps, server.project.id, {
        flow: { identifiers: ['email'], fallbacks: ['phone-otp'] },
      }),
      (error: { code: string }) => error.code === 'VALIDATION_FAILED',
    );
    await assert.rejects(
      updateProject(server.deps, server.project.id, { flow: { verifyEmailAfterPasskey: true } }),
      (error: { code: string; validation: { field: string }[] }) =>
        error.code === 'VALIDATION_FAILED' &&
        error.validation[0]?.field === 'flow.verifyEmailAfterPasskey',
    );
  });
});
