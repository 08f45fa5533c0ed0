import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signJwt } from '../../src/core/keys/sign-jwt.js';
import { passkeyDataTokenType } from '../../src/core/passkeys/signed-data/passkey-data-token.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  createUser,
  login,
  mediationFinish,
  mediationStart,
  optionsOf,
  post,
  register,
  testOrigin,
} from '../support/passkey-client.js';
import { createTestServer, type TestServer } from '../support/test-server.js';
import { createSoftwareAuthenticator } from '../support/webauthn/software-authenticator.js';

interface Claims {
  iss: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  username: string;
  credential: string;
  challengeId: string;
  webauthnId: string;
  isCUI: boolean;
}

function decode(token: string): { header: Record<string, unknown>; claims: Claims } {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header ?? '', 'base64url').toString()),
    claims: JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
  };
}

describeEachDatabase('signed passkey data', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => server.close());

  async function signedLogin() {
    const userID = await createUser(server);
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    assertOk(await register(server, authenticator, userID), 'passkeyAppendFinishRsp');
    const finish = assertOk<{
      passkeyData: { id: string; challengeID: string };
      signedPasskeyData: string;
    }>(
      await login(server, authenticator, userID, {}, { signPasskeyData: true }),
      'passkeyLoginFinishRsp',
    );
    return { userID, authenticator, ...finish };
  }

  const verify = (
    signedPasskeyData: string,
    username = 'ada@example.com',
    path = '/v2/passkey/verifySignedData',
  ) => post(server, path, { signedPasskeyData, username });

  const resultOf = async (response: Promise<Awaited<ReturnType<typeof verify>>>) =>
    assertOk<{ verificationResult: string }>(await response, 'passkeyVerifySignedDataRsp')
      .verificationResult;

  test('a login can return an RS256 JWT of passkey data with Corbado’s claims', async () => {
    const { userID, passkeyData, signedPasskeyData } = await signedLogin();
    const { header, claims } = decode(signedPasskeyData);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.typ, passkeyDataTokenType);
    assert.match(String(header.kid), /^pki-\d+$/);
    assert.equal(claims.iss, server.project.id);
    assert.equal(claims.sub, userID);
    assert.equal(claims.username, 'ada@example.com');
    assert.equal(claims.credential, passkeyData.id);
    assert.equal(claims.challengeId, passkeyData.challengeID);
    assert.equal(claims.webauthnId, userID);
    assert.equal(claims.isCUI, false);
    assert.equal(claims.iat, Math.floor(server.clock.now() / 1000));
    assert.ok(claims.exp > claims.iat && claims.exp - claims.iat <= 600);
    assert.ok(claims.nbf <= claims.iat);
    assert.equal(typeof claims.jti, 'string');
  });

  test('verifySignedData succeeds once; reuse is invalid_challenge', async () => {
    const { signedPasskeyData } = await signedLogin();
    assert.equal(await resultOf(verify(signedPasskeyData)), 'success');
    assert.equal(await resultOf(verify(signedPasskeyData)), 'invalid_challenge');
  });

  test('the plural path verifies too', async () => {
    const { signedPasskeyData } = await signedLogin();
    assert.equal(
      await resultOf(verify(signedPasskeyData, 'ada@example.com', '/v2/passkeys/verifySignedData')),
      'success',
    );
  });

  test('a wrong username is user_mismatch and leaves the token usable', async () => {
    const { signedPasskeyData } = await signedLogin();
    assert.equal(await resultOf(verify(signedPasskeyData, 'mallory@example.com')), 'user_mismatch');
    assert.equal(await resultOf(verify(signedPasskeyData)), 'success');
  });

  test('tampered, foreign-typed and garbage tokens are invalid_signature', async () => {
    const { userID, signedPasskeyData } = await signedLogin();
    const [h, p, s] = signedPasskeyData.split('.');
    const forgedClaims = Buffer.from(
      JSON.stringify({ ...decode(signedPasskeyData).claims, sub: 'usr-1111111111111111111' }),
    ).toString('base64url');
    assert.equal(await resultOf(verify(`${h}.${forgedClaims}.${s}`)), 'invalid_signature');
    const flipped = `${h}.${p}.${(s ?? '').slice(0, -2)}${(s ?? '').endsWith('AA') ? 'BB' : 'AA'}`;
    assert.equal(await resultOf(verify(flipped)), 'invalid_signature');
    assert.equal(await resultOf(verify('not.a.jwt')), 'invalid_signature');
    assert.equal(await resultOf(verify('garbage')), 'invalid_signature');
    // A token signed with the project's session key never passes as passkey data.
    const sessionToken = await signJwt(server.passkeys, {
      projectId: server.project.id,
      purpose: 'session',
      typ: 'JWT',
      claims: decode(signedPasskeyData).claims as unknown as Record<string, unknown>,
    });
    assert.equal(await resultOf(verify(sessionToken)), 'invalid_signature');
    // Nor does passkey data of another project.
    const other = await server.createProject('Other');
    const answer = await server.app.inject({
      method: 'POST',
      url: '/v2/passkey/verifySignedData',
      headers: { authorization: other.authorization },
      payload: { signedPasskeyData, username: 'ada@example.com' },
    });
    assert.equal(
      assertOk<{ verificationResult: string }>(answer, 'passkeyVerifySignedDataRsp')
        .verificationResult,
      'invalid_signature',
    );
    assert.ok(userID);
  });

  test('expired passkey data is invalid_challenge', async () => {
    const { signedPasskeyData } = await signedLogin();
    server.clock.advance(10 * 60 * 1000);
    assert.equal(await resultOf(verify(signedPasskeyData)), 'invalid_challenge');
  });

  test('conditional UI logins sign passkey data with isCUI', async () => {
    const userID = await createUser(server);
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    assertOk(await register(server, authenticator, userID), 'passkeyAppendFinishRsp');
    const { publicKey } = optionsOf(await mediationStart(server), 'assertionOptions');
    const assertion = authenticator.getAssertion(publicKey as never, { origin: testOrigin });
    const finish = assertOk<{ signedPasskeyData: string }>(
      await mediationFinish(server, assertion, { signPasskeyData: true }),
      'passkeyMediationFinishRsp',
    );
    const { claims } = decode(finish.signedPasskeyData);
    assert.equal(claims.isCUI, true);
    assert.equal(claims.sub, userID);
    assert.equal(await resultOf(verify(finish.signedPasskeyData)), 'success');
  });

  test('a request without the fields is a 400 naming them', async () => {
    assertError(await post(server, '/v2/passkey/verifySignedData', { username: 'x' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'signedPasskeyData',
    });
  });
});
