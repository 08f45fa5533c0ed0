import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clientEnvTouchIntervalMs } from '../../src/core/passkeys/ceremonies/decision-context.js';
import { challengeSlackMs } from '../../src/core/passkeys/ceremonies/issue-challenge.js';
import { defaultWebauthnSettings } from '../../src/core/passkeys/relying-party.js';
import { findCredentialByCredentialId } from '../../src/store/credential.store.js';
import { updateProjectRow } from '../../src/store/project.store.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  appendFinish,
  appendStart,
  clientInformation,
  createUser,
  login,
  loginFinish,
  loginStart,
  mediationFinish,
  mediationStart,
  optionsOf,
  post,
  register,
  testOrigin,
} from '../support/passkey-client.js';
import { createTestServer, type TestServer } from '../support/test-server.js';
import {
  createSoftwareAuthenticator,
  randomBase64url,
} from '../support/webauthn/software-authenticator.js';

interface PasskeyData {
  id: string;
  userID: string;
  username: string;
  ceremonyType: string;
  challengeID: string;
  aaguidDetails: { aaguid: string; name: string };
}

const googlePasswordManager = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';

describeEachDatabase('passkey ceremonies', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => server.close());

  /** A user with one registered passkey on a fresh authenticator. */
  async function userWithPasskey(
    options: Parameters<typeof createSoftwareAuthenticator>[0] = { signCounter: 'increment' },
  ) {
    const userID = await createUser(server);
    const authenticator = createSoftwareAuthenticator(options);
    const finish = await register(server, authenticator, userID);
    const { passkeyData } = assertOk<{ passkeyData: PasskeyData }>(
      finish,
      'passkeyAppendFinishRsp',
    );
    return { userID, authenticator, passkeyData };
  }

  async function setWebauthn(settings: Record<string, unknown>) {
    await updateProjectRow(
      server.deps.db,
      server.project.id,
      { webauthn: settings },
      server.clock.now(),
    );
  }

  test('append start issues creation options for the project’s relying party', async () => {
    const userID = await createUser(server);
    const start = await appendStart(server, userID);
    const body = assertOk<{ appendAllow: boolean }>(start, 'passkeyAppendStartRsp');
    assert.equal(body.appendAllow, true);
    const { publicKey } = optionsOf(start, 'attestationOptions');
    assert.equal(Buffer.from(publicKey.challenge, 'base64url').length, 32);
    assert.deepEqual(publicKey.rp, { name: server.project.rpName, id: 'localhost' });
    const user = publicKey.user as { id: string; name: string };
    assert.equal(Buffer.from(user.id, 'base64url').toString(), userID);
    assert.equal(user.name, 'ada@example.com');
    assert.deepEqual(
      (publicKey.pubKeyCredParams as Array<{ alg: number }>).map((p) => p.alg),
      defaultWebauthnSettings.algorithms,
    );
    assert.deepEqual(publicKey.excludeCredentials, []);
    assert.equal(publicKey.timeout, defaultWebauthnSettings.timeoutMs);
  });

  test('append finish stores the passkey with its flags, AAGUID name and source', async () => {
    const { userID, authenticator, passkeyData } = await userWithPasskey({
      signCounter: 'zero',
      aaguid: googlePasswordManager,
      transports: ['internal', 'hybrid'],
    });
    assert.equal(passkeyData.userID, userID);
    assert.equal(passkeyData.username, 'ada@example.com');
    assert.equal(passkeyData.ceremonyType, 'local');
    assert.match(passkeyData.id, /^cre-\d+$/);
    assert.match(passkeyData.challengeID, /^pch-\d+$/);
    assert.equal(passkeyData.aaguidDetails.aaguid, googlePasswordManager);
    assert.equal(passkeyData.aaguidDetails.name, 'Google Password Manager');
    const held = authenticator.listCredentials()[0];
    assert.ok(held);
    const stored = await findCredentialByCredentialId(server.deps.db, server.project.id, held.id);
    assert.ok(stored);
    assert.equal(stored.userId, userID);
    assert.equal(stored.backupEligible, true);
    assert.equal(stored.backupState, true);
    assert.equal(stored.algorithm, -7);
    assert.deepEqual(stored.transports, ['internal', 'hybrid']);
    assert.equal(stored.sourceBrowser, 'Chrome');
    assert.equal(stored.sourceOs, 'macOS');
    assert.equal(stored.attestationType, 'none');
  });

  test('a second append excludes the user’s passkeys, and the authenticator refuses', async () => {
    const { userID, authenticator } = await userWithPasskey();
    const start = await appendStart(server, userID);
    const { publicKey } = optionsOf(start, 'attestationOptions');
    const excluded = publicKey.excludeCredentials as Array<{ id: string }>;
    assert.deepEqual(
      excluded.map((c) => c.id),
      authenticator.listCredentials().map((c) => c.id),
    );
    assert.throws(
      () => authenticator.createCredential(publicKey as never, { origin: testOrigin }),
      {
        name: 'InvalidStateError',
      },
    );
  });

  test('packed self attestation with EdDSA and RS256 registers', async () => {
    for (const algorithm of ['EdDSA', 'RS256'] as const) {
      const { userID, authenticator } = await userWithPasskey({
        signCounter: 'increment',
        attestation: 'packed-self',
        algorithm,
      });
      const stored = await findCredentialByCredentialId(
        server.deps.db,
        server.project.id,
        authenticator.listCredentials()[0]?.id ?? '',
      );
      assert.equal(stored?.attestationType, 'packed');
      assert.equal(stored?.algorithm, algorithm === 'EdDSA' ? -8 : -257);
      assertOk(await login(server, authenticator, userID), 'passkeyLoginFinishRsp');
    }
  });

  test('identifier-first login lists the user’s passkeys and finishes', async () => {
    const { userID, authenticator, passkeyData } = await userWithPasskey();
    const start = await loginStart(server, userID);
    const body = assertOk<{ loginAllow: boolean }>(start, 'passkeyLoginStartRsp');
    assert.equal(body.loginAllow, true);
    const { publicKey } = optionsOf(start, 'assertionOptions');
    assert.equal(publicKey.rpId, 'localhost');
    assert.deepEqual(
      (publicKey.allowCredentials as Array<{ id: string }>).map((c) => c.id),
      authenticator.listCredentials().map((c) => c.id),
    );
    const assertion = authenticator.getAssertion(publicKey as never, { origin: testOrigin });
    const finish = assertOk<{ passkeyData: PasskeyData; signedPasskeyData?: string }>(
      await loginFinish(server, userID, assertion),
      'passkeyLoginFinishRsp',
    );
    assert.equal(finish.passkeyData.id, passkeyData.id);
    assert.equal(finish.passkeyData.userID, userID);
    assert.equal(finish.signedPasskeyData, undefined);
    const stored = await findCredentialByCredentialId(
      server.deps.db,
      server.project.id,
      assertion.id,
    );
    assert.equal(stored?.signCount, 1);
    assert.equal(stored?.lastUsedAt, server.clock.now());
  });

  test('conditional UI offers an empty allow list and finds the user by the passkey', async () => {
    const { userID, authenticator, passkeyData } = await userWithPasskey();
    const start = await mediationStart(server);
    const body = assertOk<{ loginAllow: boolean }>(start, 'passkeyMediationStartRsp');
    assert.equal(body.loginAllow, true);
    const { publicKey } = optionsOf(start, 'assertionOptions');
    assert.deepEqual(publicKey.allowCredentials, []);
    const assertion = authenticator.getAssertion(publicKey as never, { origin: testOrigin });
    const finish = assertOk<{ passkeyData: PasskeyData }>(
      await mediationFinish(server, assertion),
      'passkeyMediationFinishRsp',
    );
    assert.equal(finish.passkeyData.userID, userID);
    assert.equal(finish.passkeyData.id, passkeyData.id);
  });

  test('conditional UI requires the user handle and checks it against the owner', async () => {
    const { authenticator } = await userWithPasskey();
    for (const userHandle of [null, randomBase64url(16)]) {
      const { publicKey } = optionsOf(await mediationStart(server), 'assertionOptions');
      const assertion = authenticator.getAssertion(publicKey as never, {
        origin: testOrigin,
        tamper: { userHandle },
      });
      assertError(await mediationFinish(server, assertion), {
        status: 400,
        code: 'WEBAUTHN_VERIFICATION_FAILED',
        field: 'assertionResponse.response.userHandle',
      });
    }
  });

  test('conditional UI with a passkey the project no longer has answers credentialDeleted', async () => {
    const stranger = createSoftwareAuthenticator({ signCounter: 'increment' });
    stranger.createCredential(
      {
        challenge: randomBase64url(),
        rp: { id: 'localhost', name: 'x' },
        user: { id: randomBase64url(8), name: 'x', displayName: 'x' },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
      { origin: testOrigin },
    );
    const { publicKey } = optionsOf(await mediationStart(server), 'assertionOptions');
    const assertion = stranger.getAssertion(publicKey as never, { origin: testOrigin });
    const body = assertOk<{ error?: { type: string } }>(
      await mediationFinish(server, assertion),
      'passkeyMediationFinishRsp',
    );
    assert.deepEqual(body.error, { type: 'credentialDeleted' });
  });

  test('a user without passkeys gets stable stand-in options, never an empty allow list', async () => {
    const userID = await createUser(server);
    const first = await loginStart(server, userID);
    const body = assertOk<{ loginAllow: boolean }>(first, 'passkeyLoginStartRsp');
    assert.equal(body.loginAllow, false);
    const allow = optionsOf(first, 'assertionOptions').publicKey.allowCredentials as Array<{
      id: string;
    }>;
    assert.equal(allow.length, 1);
    const again = optionsOf(await loginStart(server, userID), 'assertionOptions').publicKey
      .allowCredentials;
    assert.deepEqual(again, allow);
    const other = optionsOf(await loginStart(server, await createUser(server)), 'assertionOptions')
      .publicKey.allowCredentials as Array<{ id: string }>;
    assert.notEqual(other[0]?.id, allow[0]?.id);
  });

  test('unknown users are 404 and malformed user IDs 400', async () => {
    assertError(await loginStart(server, 'usr-1234567890123456789'), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(await appendStart(server, 'nobody'), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'userID',
    });
  });

  test('a challenge is single-use: replaying a finished login fails', async () => {
    const { userID, authenticator } = await userWithPasskey();
    const start = await loginStart(server, userID);
    const assertion = authenticator.getAssertion(
      optionsOf(start, 'assertionOptions').publicKey as never,
      {
        origin: testOrigin,
      },
    );
    assertOk(await loginFinish(server, userID, assertion), 'passkeyLoginFinishRsp');
    assertError(await loginFinish(server, userID, assertion), {
      status: 400,
      code: 'PASSKEY_CHALLENGE_INVALID',
      field: 'assertionResponse.response.clientDataJSON',
    });
  });

  test('concurrent finishes with one challenge: exactly one succeeds', async () => {
    const { userID, authenticator } = await userWithPasskey({ signCounter: 'zero' });
    const start = await loginStart(server, userID);
    const assertion = authenticator.getAssertion(
      optionsOf(start, 'assertionOptions').publicKey as never,
      {
        origin: testOrigin,
      },
    );
    const results = await Promise.all(
      Array.from({ length: 5 }, () => loginFinish(server, userID, assertion)),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 400, 400, 400, 400]);
  });

  test('an expired challenge is refused', async () => {
    const { userID, authenticator } = await userWithPasskey();
    const start = await loginStart(server, userID);
    const assertion = authenticator.getAssertion(
      optionsOf(start, 'assertionOptions').publicKey as never,
      {
        origin: testOrigin,
      },
    );
    server.clock.advance(defaultWebauthnSettings.timeoutMs + challengeSlackMs + 1);
    assertError(await loginFinish(server, userID, assertion), {
      status: 400,
      code: 'PASSKEY_CHALLENGE_INVALID',
    });
  });

  test('a challenge finishes only its own ceremony and user', async () => {
    const { userID, authenticator } = await userWithPasskey();
    // A registration challenge signed as an assertion.
    const appendOptions = optionsOf(
      await appendStart(server, userID),
      'attestationOptions',
    ).publicKey;
    const crossed = authenticator.getAssertion(
      { challenge: appendOptions.challenge, rpId: 'localhost', allowCredentials: [] } as never,
      { origin: testOrigin },
    );
    assertError(await loginFinish(server, userID, crossed), {
      status: 400,
      code: 'PASSKEY_CHALLENGE_INVALID',
    });
    // Another user's login challenge.
    const other = await userWithPasskey();
    const otherStart = await loginStart(server, other.userID);
    const stolen = authenticator.getAssertion(
      { ...optionsOf(otherStart, 'assertionOptions').publicKey, allowCredentials: [] } as never,
      { origin: testOrigin },
    );
    assertError(await loginFinish(server, userID, stolen), {
      status: 400,
      code: 'PASSKEY_CHALLENGE_INVALID',
    });
  });

  test('the expected origin and RP ID come from the project', async () => {
    const { userID, authenticator } = await userWithPasskey();
    const cases = [
      { label: 'wrong origin', ctx: { origin: 'https://evil.example' } },
      {
        label: 'wrong RP ID hash',
        ctx: { origin: testOrigin, tamper: { rpIdHashOf: 'evil.example' } },
      },
      {
        label: 'create type in an assertion',
        ctx: { origin: testOrigin, tamper: { clientData: { type: 'webauthn.create' } } },
      },
      {
        label: 'tampered signature',
        ctx: { origin: testOrigin, tamper: { corruptSignature: true } },
      },
      {
        label: 'user presence missing',
        ctx: { origin: testOrigin, tamper: { flags: { up: false } } },
      },
      {
        label: 'backup eligibility changed',
        ctx: { origin: testOrigin, tamper: { flags: { be: false } } },
      },
      { label: 'cross-origin iframe', ctx: { origin: testOrigin, crossOrigin: true } },
      {
        label: 'unexpected top origin',
        ctx: { origin: testOrigin, topOrigin: 'https://top.example' },
      },
    ];
    for (const { label, ctx } of cases) {
      assertError(await login(server, authenticator, userID, ctx), {
        status: 400,
        code: 'WEBAUTHN_VERIFICATION_FAILED',
        label,
      });
    }
    // None of the failures moved the stored counter backwards or marked the passkey.
    const stored = await findCredentialByCredentialId(
      server.deps.db,
      server.project.id,
      authenticator.listCredentials()[0]?.id ?? '',
    );
    assert.equal(stored?.suspectedCloneAt, null);
  });

  test('a registration with a wrong origin, RP ID or challenge is refused and stores nothing', async () => {
    const userID = await createUser(server);
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    const cases = [
      {
        label: 'wrong origin',
        ctx: { origin: 'https://evil.example' },
        code: 'WEBAUTHN_VERIFICATION_FAILED',
      },
      {
        label: 'wrong RP ID',
        ctx: { origin: testOrigin, tamper: { rpIdHashOf: 'evil.example' } },
        code: 'WEBAUTHN_VERIFICATION_FAILED',
      },
      {
        label: 'get type',
        ctx: { origin: testOrigin, tamper: { clientData: { type: 'webauthn.get' } } },
        code: 'WEBAUTHN_VERIFICATION_FAILED',
      },
      {
        label: 'unknown challenge',
        ctx: { origin: testOrigin, tamper: { clientData: { challenge: randomBase64url() } } },
        code: 'PASSKEY_CHALLENGE_INVALID',
      },
    ];
    for (const { label, ctx, code } of cases) {
      assertError(await register(server, authenticator, userID, ctx), { status: 400, code, label });
    }
    const list = await server.app.inject({
      method: 'GET',
      url: `/v2/users/${userID}/credentials`,
      headers: { authorization: server.authorization },
    });
    if (list.statusCode === 200) {
      assert.equal((JSON.parse(list.body) as { credentials: unknown[] }).credentials.length, 0);
    }
  });

  test('a registration whose id is not the attested credential ID is refused', async () => {
    const userID = await createUser(server);
    const start = await appendStart(server, userID);
    const credential = createSoftwareAuthenticator({ signCounter: 'increment' }).createCredential(
      optionsOf(start, 'attestationOptions').publicKey as never,
      { origin: testOrigin },
    );
    const renamed = randomBase64url(32);
    assertError(
      await appendFinish(server, userID, { ...credential, id: renamed, rawId: renamed }),
      {
        status: 400,
        code: 'WEBAUTHN_VERIFICATION_FAILED',
        field: 'attestationResponse.id',
      },
    );
  });

  test('user verification is enforced when the project requires it', async () => {
    const { userID, authenticator } = await userWithPasskey();
    assertOk(
      await login(server, authenticator, userID, { tamper: { flags: { uv: false } } }),
      'passkeyLoginFinishRsp',
    );
    await setWebauthn({ userVerification: 'required' });
    try {
      assertError(
        await login(server, authenticator, userID, { tamper: { flags: { uv: false } } }),
        {
          status: 400,
          code: 'WEBAUTHN_VERIFICATION_FAILED',
        },
      );
      const noUv = createSoftwareAuthenticator({
        signCounter: 'increment',
        userVerification: false,
      });
      assertError(await register(server, noUv, await createUser(server)), {
        status: 400,
        code: 'WEBAUTHN_VERIFICATION_FAILED',
      });
    } finally {
      await setWebauthn({});
    }
  });

  test('cross-origin ceremonies pass only when the project allows them and the top origin', async () => {
    const { userID, authenticator } = await userWithPasskey();
    await setWebauthn({ allowCrossOrigin: true, allowedTopOrigins: ['https://shop.example'] });
    try {
      assertOk(
        await login(server, authenticator, userID, {
          crossOrigin: true,
          topOrigin: 'https://shop.example',
        }),
        'passkeyLoginFinishRsp',
      );
      assertError(
        await login(server, authenticator, userID, {
          crossOrigin: true,
          topOrigin: 'https://evil.example',
        }),
        {
          status: 400,
          code: 'WEBAUTHN_VERIFICATION_FAILED',
        },
      );
    } finally {
      await setWebauthn({});
    }
  });

  test('a counter that goes backwards is refused and marks a possible clone', async () => {
    const { userID, authenticator } = await userWithPasskey();
    assertOk(await login(server, authenticator, userID), 'passkeyLoginFinishRsp');
    assertOk(await login(server, authenticator, userID), 'passkeyLoginFinishRsp');
    const held = authenticator.listCredentials()[0];
    assert.ok(held);
    authenticator.setSignCount(held.id, 0);
    assertError(await login(server, authenticator, userID), {
      status: 400,
      code: 'WEBAUTHN_VERIFICATION_FAILED',
      field: 'assertionResponse.response.authenticatorData',
    });
    const stored = await findCredentialByCredentialId(server.deps.db, server.project.id, held.id);
    assert.equal(stored?.signCount, 2);
    assert.equal(stored?.suspectedCloneAt, server.clock.now());
  });

  test('a known client is recorded once and refreshed at most hourly by a start', async () => {
    const { userID, authenticator } = await userWithPasskey();
    const envs = () =>
      server.deps.db
        .selectFrom('client_envs')
        .select(['id', 'last_seen_at'])
        .where('user_id', '=', userID)
        .execute();
    const [registered] = await envs();
    assert.ok(registered);
    server.clock.advance(60_000);
    assertOk(await login(server, authenticator, userID), 'passkeyLoginFinishRsp');
    assert.deepEqual(await envs(), [registered], 'a login from a known client writes nothing');
    server.clock.advance(clientEnvTouchIntervalMs);
    assertOk(await login(server, authenticator, userID), 'passkeyLoginFinishRsp');
    assert.deepEqual(await envs(), [{ id: registered.id, last_seen_at: server.clock.now() }]);
    const other = clientInformation({
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    });
    const start = await loginStart(server, userID, { clientInformation: other });
    const assertion = authenticator.getAssertion(
      optionsOf(start, 'assertionOptions').publicKey as never,
      {
        origin: testOrigin,
      },
    );
    assertOk(
      await loginFinish(server, userID, assertion, { clientInformation: other }),
      'passkeyLoginFinishRsp',
    );
    assert.equal((await envs()).length, 2, 'a new client is recorded by the finish');
  });

  test('authenticators that always report 0 (synced passkeys) log in repeatedly', async () => {
    const { userID, authenticator } = await userWithPasskey({ signCounter: 'zero' });
    for (let i = 0; i < 3; i++)
      assertOk(await login(server, authenticator, userID), 'passkeyLoginFinishRsp');
  });

  test('another user’s passkey and a mismatched user handle are refused', async () => {
    const alice = await userWithPasskey();
    const bob = await userWithPasskey();
    const start = await loginStart(server, bob.userID);
    const options = { ...optionsOf(start, 'assertionOptions').publicKey, allowCredentials: [] };
    const aliceSigns = alice.authenticator.getAssertion(options as never, { origin: testOrigin });
    assertError(await loginFinish(server, bob.userID, aliceSigns), {
      status: 400,
      code: 'WEBAUTHN_VERIFICATION_FAILED',
      field: 'assertionResponse.id',
    });
    assertError(
      await login(server, bob.authenticator, bob.userID, {
        tamper: { userHandle: randomBase64url(16) },
      }),
      {
        status: 400,
        code: 'WEBAUTHN_VERIFICATION_FAILED',
        field: 'assertionResponse.response.userHandle',
      },
    );
  });

  test('a disabled user cannot log in with a passkey, by either ceremony, until enabled', async () => {
    const { userID, authenticator } = await userWithPasskey();
    const setStatus = (status: string) =>
      server.app.inject({
        method: 'PATCH',
        url: `/v2/users/${userID}`,
        headers: { authorization: server.authorization, 'content-type': 'application/json' },
        payload: { status },
      });
    assert.equal((await setStatus('disabled')).statusCode, 200);
    assertError(await login(server, authenticator, userID), {
      status: 403,
      code: 'USER_NOT_ACTIVE',
    });
    const { publicKey } = optionsOf(await mediationStart(server), 'assertionOptions');
    const assertion = authenticator.getAssertion(publicKey as never, { origin: testOrigin });
    assertError(await mediationFinish(server, assertion), { status: 403, code: 'USER_NOT_ACTIVE' });
    assert.equal((await setStatus('active')).statusCode, 200);
    assertOk(await login(server, authenticator, userID), 'passkeyLoginFinishRsp');
  });

  test('a credential ID is unique per project', async () => {
    const sharedId = new Uint8Array(randomBytes32());
    const first = await createUser(server);
    assertOk(
      await register(server, createSoftwareAuthenticator({ signCounter: 'increment' }), first, {
        tamper: { credentialId: sharedId },
      }),
      'passkeyAppendFinishRsp',
    );
    const second = await createUser(server);
    assertError(
      await register(server, createSoftwareAuthenticator({ signCounter: 'increment' }), second, {
        tamper: { credentialId: sharedId },
      }),
      { status: 409, code: 'DUPLICATE_VALUE', field: 'attestationResponse.id' },
    );
  });

  test('oversized and malformed fields get 400 naming the field', async () => {
    const userID = await createUser(server);
    assertError(
      await register(server, createSoftwareAuthenticator({ signCounter: 'increment' }), userID, {
        tamper: { credentialId: new Uint8Array(1024) },
      }),
      { status: 400, code: 'VALIDATION_FAILED', field: 'attestationResponse.id' },
    );
    assertError(await appendStart(server, userID, { username: 'x'.repeat(321) }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'username',
    });
    assertError(await appendFinish(server, userID, 'not a credential'), {
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const raw = await post(server, '/v2/passkey/login/finish', {
      userID,
      assertionResponse: '{"type":"public-key"',
      clientInformation: clientInformation(),
      processID: 'p',
      trackingID: 't',
    });
    assertError(raw, { status: 400, code: 'VALIDATION_FAILED', field: 'assertionResponse' });
    assertError(
      await post(server, '/v2/passkey/login/start', {
        userID,
        clientInformation: clientInformation(),
        crossDeviceAuthenticationStrategy: 'sometimes',
        processID: 'p',
      }),
      { status: 400, code: 'VALIDATION_FAILED', field: 'crossDeviceAuthenticationStrategy' },
    );
    assertError(
      await appendFinish(server, userID, 'x', {
        attestationResponse: 'x'.repeat(128 * 1024 + 1),
      }),
      { status: 400, code: 'VALIDATION_FAILED', field: 'attestationResponse' },
    );
    const bulky = {
      type: 'public-key',
      id: randomBase64url(16),
      rawId: '',
      response: {
        clientDataJSON: 'A'.repeat(8 * 1024 + 1),
        authenticatorData: 'AA',
        signature: 'AA',
      },
    };
    bulky.rawId = bulky.id;
    assertError(await loginFinish(server, userID, bulky), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'assertionResponse.response.clientDataJSON',
    });
    assertError(await loginFinish(server, userID, bulky, { trackingID: 't'.repeat(129) }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'trackingID',
    });
    assertError(await appendStart(server, userID, { processID: 'p'.repeat(129) }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'processID',
    });
  });
});

function randomBytes32(): Buffer {
  return Buffer.from(randomBase64url(32), 'base64url');
}
