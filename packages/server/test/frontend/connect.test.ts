import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ensureConnectUser } from '../../src/core/connect/connect-user.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { testOrigin } from '../support/passkey-client.js';
import { createTestServer, type TestServer } from '../support/test-server.js';
import {
  createSoftwareAuthenticator,
  type SoftwareAuthenticator,
} from '../support/webauthn/software-authenticator.js';

const chromeOnMac =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** clientInformation as Corbado's Connect web SDK sends it. */
const frontendClient = (overrides: Record<string, unknown> = {}) => ({
  isUserVerifyingPlatformAuthenticatorAvailable: true,
  isConditionalMediationAvailable: true,
  bluetoothAvailable: true,
  clientEnvHandle: 'handle-connect-1',
  ...overrides,
});

type Json = Record<string, unknown>;

describeEachDatabase(
  'Connect: /v2/connect/* with connect tokens and signed passkey data',
  (kind) => {
    let server: TestServer;
    let other: Awaited<ReturnType<TestServer['createProject']>>;
    before(async () => {
      server = await createTestServer(kind);
      other = await server.createProject('Other project');
    });
    after(async () => server.close());

    /** A Frontend API call as the browser makes it: project header, origin, process header. */
    const call = (
      url: string,
      payload: unknown,
      options: { process?: string; projectId?: string } = {},
    ) =>
      server.app.inject({
        method: 'POST',
        url,
        headers: {
          'x-corbado-projectid': options.projectId ?? server.project.id,
          'user-agent': chromeOnMac,
          ...(options.projectId === undefined && { origin: testOrigin }),
          ...(options.process !== undefined && { 'x-corbado-process-id': options.process }),
        },
        payload: payload as Json,
      });

    const body = (response: LightMyRequestResponse): Json => {
      assert.equal(response.statusCode, 200, response.body);
      return JSON.parse(response.body) as Json;
    };

    /** The customer's backend minting a connect token (Backend API, Basic auth). */
    const mint = async (
      type: string,
      identifier: string,
      options: { displayName?: string; lifetime?: number; authorization?: string } = {},
    ): Promise<string> => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v2/connectTokens',
        headers: { authorization: options.authorization ?? server.authorization },
        payload: {
          type,
          data: {
            identifier,
            ...(type === 'passkey-append' && { displayName: options.displayName ?? identifier }),
          },
          ...(options.lifetime !== undefined && { maxLifetimeInSeconds: options.lifetime }),
        },
      });
      // Not checked against `connectToken`: its oneOf `data` cannot match (connect-tokens-and-events.md).
      assert.equal(response.statusCode, 200, response.body);
      return (JSON.parse(response.body) as { secret: string }).secret;
    };

    const init = async (kind: 'login' | 'append' | 'manage', client = frontendClient()) => {
      const answer = body(
        await call(`/v2/connect/${kind}/init`, { clientInformation: client, flags: {} }),
      );
      return { process: (kind === 'login' ? answer.token : answer.processID) as string, answer };
    };

    /** append init → start with a fresh token → authenticator → finish; returns the finish. */
    const appendPasskey = async (
      authenticator: SoftwareAuthenticator,
      identifier: string,
      options: { displayName?: string; forcePasskeyAppend?: boolean } = {},
    ) => {
      const { process } = await init('append');
      const token = await mint('passkey-append', identifier, {
        displayName: options.displayName ?? 'Ada Lovelace',
      });
      const force = options.forcePasskeyAppend;
      const start = body(
        await call(
          '/v2/connect/append/start',
          {
            appendTokenValue: token,
            loadedMs: 1,
            ...(force !== undefined && { forcePasskeyAppend: force }),
          },
          { process },
        ),
      );
      const creation = JSON.parse(start.attestationOptions as string);
      const credential = authenticator.createCredential(creation, { origin: testOrigin });
      return call(
        '/v2/connect/append/finish',
        { attestationResponse: JSON.stringify(credential) },
        { process },
      );
    };

    const listPasskeys = async (identifier: string) => {
      const { process } = await init('manage');
      const token = await mint('passkey-list', identifier);
      return body(await call('/v2/connect/manage/list', { connectToken: token }, { process }))
        .passkeys as Json[];
    };

    const passkeyLogin = async (authenticator: SoftwareAuthenticator, identifier: string) => {
      const { process } = await init('login');
      const start = body(
        await call(
          '/v2/connect/login/start',
          { identifier, source: 'text-field', loadedMs: 1 },
          { process },
        ),
      );
      const assertion = authenticator.getAssertion(JSON.parse(start.assertionOptions as string), {
        origin: testOrigin,
      });
      return call(
        '/v2/connect/login/finish',
        { isConditionalUI: false, assertionResponse: JSON.stringify(assertion) },
        { process },
      );
    };

    const verify = async (signedPasskeyData: string, username: string) =>
      assertOk<{ verificationResult: string }>(
        await server.app.inject({
          method: 'POST',
          url: '/v2/passkey/verifySignedData',
          headers: { authorization: server.authorization },
          payload: { signedPasskeyData, username },
        }),
        'passkeyVerifySignedDataRsp',
      ).verificationResult;

    test('the whole cycle: append (user created) → list → login → verifySignedData → delete', async () => {
      const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
      const { answer } = await init('append');
      assert.equal(answer.appendAllowed, true);
      assert.equal(answer.frontendApiUrl, 'http://localhost:8080');
      assert.equal(answer.expiresAt, Math.floor(server.clock.now() / 1000) + 15 * 60);
      assert.deepEqual(answer.flags, {});

      const appended = body(await appendPasskey(authenticator, 'ada@example.com'));
      assert.deepEqual(appended.passkeyOperation, {
        operationType: 'append',
        identifierValue: 'ada@example.com',
        identifierType: 'email',
        ceremonyType: 'local',
      });

      const passkeys = await listPasskeys('ada@example.com');
      assert.equal(passkeys.length, 1);
      const passkey = passkeys[0] as Json;
      assert.match(passkey.id as string, /^cre-\d{19}$/);
      assert.equal(passkey.status, 'active');

      // The user Latchkey created is a normal user of the project, named after displayName.
      const users = assertOk<{ users: Json[] }>(
        await server.app.inject({
          method: 'GET',
          url: '/v2/users',
          headers: { authorization: server.authorization },
        }),
        'userList',
      ).users;
      assert.ok(users.some((user) => user.fullName === 'Ada Lovelace'));

      // Typed differently at login: identifiers are compared case-insensitively.
      const finished = body(await passkeyLogin(authenticator, 'Ada@Example.com'));
      assert.equal(typeof finished.session, 'string');
      assert.equal(finished.session, finished.signedPasskeyData);
      assert.deepEqual(finished.passkeyOperation, {
        operationType: 'verify',
        identifierValue: 'ada@example.com',
        identifierType: 'email',
        ceremonyType: 'local',
      });
      const signed = finished.signedPasskeyData as string;
      assert.equal(await verify(signed, 'ada@example.com'), 'success');
      assert.equal(await verify(signed, 'ada@example.com'), 'invalid_challenge', 'replayed');

      const { process } = await init('manage');
      const deleteToken = await mint('passkey-delete', 'ada@example.com');
      const deleted = body(
        await call(
          '/v2/connect/manage/delete',
          { connectToken: deleteToken, credentialID: passkey.id },
          { process },
        ),
      );
      assert.deepEqual(deleted, { credentialID: passkey.id });
      assert.deepEqual(await listPasskeys('ada@example.com'), []);
    });

    test('a second append for the same identifier reuses the user; concurrent first appends make one', async () => {
      await appendPasskey(
        createSoftwareAuthenticator({ signCounter: 'zero' }),
        'grace@example.com',
      );
      // The decision engine offers no second passkey on the same client unless forced.
      await appendPasskey(
        createSoftwareAuthenticator({ signCounter: 'zero' }),
        'Grace@example.com',
        { forcePasskeyAppend: true },
      );
      assert.equal((await listPasskeys('grace@example.com')).length, 2);

      const ids = await Promise.all(
        Array.from({ length: 10 }, () =>
          ensureConnectUser(server.deps, server.project.id, {
            identifier: 'race@example.com',
            displayName: 'Race',
          }),
        ),
      );
      assert.equal(new Set(ids).size, 1);
    });

    test('signed passkey data: tampered is invalid_signature, another username user_mismatch', async () => {
      const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
      body(await appendPasskey(authenticator, 'hedy@example.com'));
      const signed = body(await passkeyLogin(authenticator, 'hedy@example.com'))
        .signedPasskeyData as string;
      const [header, payload, signature = ''] = signed.split('.');
      const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      assert.equal(
        await verify(`${header}.${payload}.${flipped}`, 'hedy@example.com'),
        'invalid_signature',
      );
      const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString()) as Json;
      const forged = Buffer.from(
        JSON.stringify({ ...claims, username: 'eve@example.com' }),
      ).toString('base64url');
      assert.equal(
        await verify(`${header}.${forged}.${signature}`, 'eve@example.com'),
        'invalid_signature',
      );
      assert.equal(await verify(signed, 'eve@example.com'), 'user_mismatch');
      assert.equal(await verify(signed, 'hedy@example.com'), 'success');
    });

    test('connect tokens: wrong type, expired, reused, another project are CONNECT_TOKEN_NOT_FOUND', async () => {
      const notFound = { status: 404, code: 'CONNECT_TOKEN_NOT_FOUND' };
      const appendStart = async (token: string, projectId?: string) => {
        const process = projectId
          ? (body(
              await call(
                '/v2/connect/append/init',
                { clientInformation: frontendClient(), flags: {} },
                { projectId },
              ),
            ).processID as string)
          : (await init('append')).process;
        return call(
          '/v2/connect/append/start',
          { appendTokenValue: token, loadedMs: 1 },
          { process, ...(projectId !== undefined && { projectId }) },
        );
      };
      assertError(await appendStart(await mint('passkey-list', 'ada@example.com')), {
        ...notFound,
        label: 'a passkey-list token for append',
      });
      const { process: manage } = await init('manage');
      assertError(
        await call(
          '/v2/connect/manage/list',
          { connectToken: await mint('passkey-append', 'ada@example.com') },
          { process: manage },
        ),
        { ...notFound, label: 'an append token for list' },
      );
      assertError(
        await call(
          '/v2/connect/manage/delete',
          { connectToken: await mint('passkey-list', 'ada@example.com'), credentialID: 'cre-1' },
          { process: manage },
        ),
        { ...notFound, label: 'a list token for delete' },
      );

      const shortLived = await mint('passkey-append', 'ada@example.com', { lifetime: 60 });
      server.clock.advance(60_000);
      assertError(await appendStart(shortLived), { ...notFound, label: 'expired' });

      const once = await mint('passkey-append', 'ada@example.com');
      body(await appendStart(once));
      assertError(await appendStart(once), { ...notFound, label: 'reused' });

      const othersToken = await mint('passkey-append', 'ada@example.com', {
        authorization: other.authorization,
      });
      assertError(await appendStart(othersToken), {
        ...notFound,
        label: 'another project’s token',
      });
      // …which still works in its own project.
      body(await appendStart(othersToken, other.project.id));
    });

    test('a delete token for another user cannot delete this user’s passkey', async () => {
      body(
        await appendPasskey(
          createSoftwareAuthenticator({ signCounter: 'zero' }),
          'ida@example.com',
        ),
      );
      const [passkey] = await listPasskeys('ida@example.com');
      const { process } = await init('manage');
      const deleteAs = async (identifier: string) =>
        call(
          '/v2/connect/manage/delete',
          {
            connectToken: await mint('passkey-delete', identifier),
            credentialID: (passkey as Json).id,
          },
          { process },
        );
      assertError(await deleteAs('mallory@example.com'), {
        status: 404,
        code: 'CREDENTIAL_NOT_FOUND',
      });
      body(
        await appendPasskey(
          createSoftwareAuthenticator({ signCounter: 'zero' }),
          'mallory@example.com',
        ),
      );
      assertError(await deleteAs('mallory@example.com'), {
        status: 404,
        code: 'CREDENTIAL_NOT_FOUND',
        label: 'a user with passkeys of their own',
      });
      assert.equal((await listPasskeys('ida@example.com')).length, 1);

      // A malformed ID is refused before the token is spent.
      const token = await mint('passkey-delete', 'ida@example.com');
      assertError(
        await call(
          '/v2/connect/manage/delete',
          { connectToken: token, credentialID: 'nope' },
          { process },
        ),
        { status: 400, code: 'VALIDATION_FAILED', field: 'credentialID' },
      );
      body(
        await call(
          '/v2/connect/manage/delete',
          { connectToken: token, credentialID: (passkey as Json).id },
          { process },
        ),
      );
    });

    test('a login with another user’s passkey fails, and an unknown identifier looks like a known one', async () => {
      const authenticator = createSoftwareAuthenticator({ signCounter: 'zero' });
      body(await appendPasskey(authenticator, 'joan@example.com'));
      const { process } = await init('login');
      const unknown = body(
        await call(
          '/v2/connect/login/start',
          { identifier: 'nobody@example.com', source: 'text-field', loadedMs: 1 },
          { process },
        ),
      );
      const options = JSON.parse(unknown.assertionOptions as string).publicKey;
      assert.equal(unknown.isCDA, false);
      assert.equal(options.allowCredentials.length > 0, true, 'stand-in credentials');
      const assertion = authenticator.getAssertion(
        { publicKey: { ...options, allowCredentials: [] } },
        { origin: testOrigin },
      );
      assertError(
        await call(
          '/v2/connect/login/finish',
          { isConditionalUI: false, assertionResponse: JSON.stringify(assertion) },
          { process },
        ),
        { status: 400, code: 'WEBAUTHN_VERIFICATION_FAILED', field: 'assertionResponse.id' },
      );
    });

    test('conditional UI: login init hands out a challenge; the finish signs passkey data', async () => {
      const authenticator = createSoftwareAuthenticator({ signCounter: 'zero' });
      body(await appendPasskey(authenticator, 'katherine@example.com'));
      const { process, answer } = await init('login');
      assert.equal(answer.loginAllowed, true);
      const assertion = authenticator.getAssertion(
        JSON.parse(answer.conditionalUIChallenge as string),
        {
          origin: testOrigin,
        },
      );
      const finished = body(
        await call(
          '/v2/connect/login/finish',
          { isConditionalUI: true, assertionResponse: JSON.stringify(assertion) },
          { process },
        ),
      );
      assert.equal(
        await verify(finished.signedPasskeyData as string, 'katherine@example.com'),
        'success',
      );
      const noPasskeys = await init(
        'login',
        frontendClient({
          isUserVerifyingPlatformAuthenticatorAvailable: false,
          isConditionalMediationAvailable: false,
          bluetoothAvailable: false,
        }),
      );
      assert.equal(noPasskeys.answer.loginAllowed, false);
      assert.equal(noPasskeys.answer.conditionalUIChallenge, undefined);
    });

    test('processes: missing, unknown, of another kind or another project are CONNECT_PROCESS_INVALID', async () => {
      const invalid = {
        status: 401,
        code: 'CONNECT_PROCESS_INVALID',
        field: 'X-Corbado-Process-ID',
      };
      const start = { identifier: 'ada@example.com', source: 'text-field', loadedMs: 1 };
      assertError(await call('/v2/connect/login/start', start), { ...invalid, label: 'missing' });
      assertError(
        await call('/v2/connect/login/start', start, { process: `cpt1_${'A'.repeat(43)}` }),
        { ...invalid, label: 'unknown' },
      );
      const { process: append } = await init('append');
      assertError(await call('/v2/connect/login/start', start, { process: append }), {
        ...invalid,
        label: 'an append process for login',
      });
      assertError(
        await call('/v2/connect/login/start', start, {
          process: append,
          projectId: other.project.id,
        }),
        { ...invalid, label: 'another project' },
      );
      server.clock.advance(15 * 60 * 1000);
      assertError(
        await call('/v2/connect/append/finish', { attestationResponse: '{}' }, { process: append }),
        {
          ...invalid,
          label: 'expired',
        },
      );
    });

    test('bad input is 400 naming the field', async () => {
      const { process: login } = await init('login');
      const cases: [string, Json, string, string][] = [
        ['/v2/connect/login/init', { flags: {} }, 'clientInformation', ''],
        ['/v2/connect/append/init', { clientInformation: {}, flags: { a: {} } }, 'flags.a', ''],
        ['/v2/connect/login/start', { source: 'text-field', loadedMs: 1 }, 'identifier', login],
        ['/v2/connect/login/start', { identifier: 'a', source: 'x', loadedMs: 1 }, 'source', login],
        [
          '/v2/connect/login/start',
          { identifier: ' ', source: 'one-tap', loadedMs: 1 },
          'identifier',
          login,
        ],
        ['/v2/connect/login/finish', { isConditionalUI: false }, 'assertionResponse', login],
        ['/v2/connect/events', { eventType: 'nope' }, 'eventType', login],
      ];
      for (const [url, payload, field, process] of cases) {
        const response = await call(url, payload, process ? { process } : {});
        assertError(response, {
          status: 400,
          code: 'VALIDATION_FAILED',
          field,
          label: `${url} ${field}`,
        });
      }
    });

    test('events feed the decision: an aborted append on this client holds the offer back', async () => {
      const client = frontendClient({ clientEnvHandle: 'handle-events' });
      const appendStart = async (process: string, extra: Json = {}) =>
        body(
          await call(
            '/v2/connect/append/start',
            {
              appendTokenValue: await mint('passkey-append', 'lin@example.com'),
              loadedMs: 1,
              ...extra,
            },
            { process },
          ),
        );
      const first = await init('append', client);
      // Before a start names the user there is nobody to record for: accepted, dropped.
      const early = await call('/v2/connect/events', { eventType: 'append-explicit-abort' }, first);
      assert.equal(early.statusCode, 204, early.body);
      assert.notEqual((await appendStart(first.process)).attestationOptions, '');
      const event = await call('/v2/connect/events', { eventType: 'append-explicit-abort' }, first);
      assert.equal(event.statusCode, 204, event.body);

      const again = await init('append', client);
      const refused = await appendStart(again.process);
      assert.equal(refused.attestationOptions, '', 'in cooldown on this client');
      assert.notEqual(
        (await appendStart(again.process, { forcePasskeyAppend: true })).attestationOptions,
        '',
        'forced',
      );
      const elsewhere = await init('append', frontendClient({ clientEnvHandle: 'handle-other' }));
      assert.notEqual(
        (await appendStart(elsewhere.process)).attestationOptions,
        '',
        'another client',
      );
    });

    test('init is rate limited per client address', async () => {
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 61; i += 1) {
        last = await call('/v2/connect/manage/init', {
          clientInformation: frontendClient(),
          flags: {},
        });
        if (last.statusCode !== 200) break;
      }
      assertError(last as LightMyRequestResponse, { status: 429, code: 'RATE_LIMITED' });
    });
  },
);
