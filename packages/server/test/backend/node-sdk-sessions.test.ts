import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Config, SDK } from '@corbado/node-sdk';
import { rotateSigningKeys } from '../../src/core/keys/rotate-signing-keys.js';
import { signJwt } from '../../src/core/keys/sign-jwt.js';
import { signPasskeyData } from '../../src/core/passkeys/signed-data/sign-passkey-data.js';
import { updateProject } from '../../src/core/projects/update-project.js';
import { describeEachDatabase } from '../support/databases.js';
import { claimsOf, startSession } from '../support/session-client.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

/*
 * Corbado's official Node SDK (@corbado/node-sdk, MIT), unchanged, verifying Latchkey's
 * session tokens against a real listening Latchkey: it fetches
 * `${frontendAPI}/.well-known/jwks` (with X-Corbado-ProjectID) and compares `iss` with the
 * Frontend API URL it is configured with. jose inside the SDK checks exp/nbf against the
 * real time, so this server's clock starts at the real time.
 */

describeEachDatabase('Corbado Node SDK validates Latchkey session tokens', (kind) => {
  let server: TestServer;
  let origin: string;
  const startMs = Date.now() - 60 * 60 * 1000;

  before(async () => {
    // An hour back, so tokens that expired an hour ago can be made first.
    server = await createTestServer(kind, { startMs });
    origin = await server.listen();
    // The issuer is the Frontend API URL: the origin the SDK is given.
    server.project = await updateProject(server.deps, server.project.id, {
      frontendApiUrl: origin,
    });
  });
  after(async () => server.close());

  /** A fresh SDK each time: its JWKS cache would hide key changes. */
  const sessions = () =>
    new SDK(new Config(server.project.id, server.apiSecret, origin, origin)).sessions();

  test('accepts Latchkey tokens; rejects expired, tampered, other-project and passkey-data tokens', async () => {
    // Made an hour ago (by this server's clock): long expired now.
    const expired = await startSession(server);
    server.clock.advance(Date.now() - server.clock.now());

    const live = await startSession(server);
    const result = await sessions().validateToken(live.sessionToken);
    assert.deepEqual(result, { userId: live.userID, fullName: 'Ada Lovelace' });

    await assert.rejects(sessions().validateToken(expired.sessionToken));

    const [header, payload, signature] = live.sessionToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...claimsOf(live.sessionToken), sub: 'usr-1111111111111111111' }),
    ).toString('base64url');
    await assert.rejects(sessions().validateToken(`${header}.${forged}.${signature}`));
    const flipped = `${signature?.slice(0, -4)}${signature?.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await assert.rejects(sessions().validateToken(`${header}.${payload}.${flipped}`));

    // Another project's session token, with this project's issuer even.
    const other = await server.createProject('Other');
    const foreign = await signJwt(server.passkeys, {
      projectId: other.project.id,
      purpose: 'session',
      typ: 'JWT',
      claims: claimsOf(live.sessionToken),
    });
    await assert.rejects(sessions().validateToken(foreign));

    // Signed passkey data is signed by the passkey-data key, which the JWKS never serves.
    const passkeyData = await signPasskeyData(server.passkeys, {
      projectId: server.project.id,
      userId: live.userID,
      webauthnId: live.userID,
      username: 'ada@example.com',
      credentialId: 'cre-1234567890123456789',
      challengeId: 'pch-1234567890123456789',
      processId: 'process-1',
      conditionalUi: false,
    });
    await assert.rejects(sessions().validateToken(passkeyData));
    // Nor does the passkey-data key pass with session-like claims.
    const dressedUp = await signJwt(server.passkeys, {
      projectId: server.project.id,
      purpose: 'passkey-data',
      typ: 'JWT',
      claims: claimsOf(live.sessionToken),
    });
    await assert.rejects(sessions().validateToken(dressedUp));
  });

  test('the SDK finds the JWKS by X-Corbado-ProjectID when several projects share a server', async () => {
    const response = await fetch(`${origin}/.well-known/jwks`, {
      headers: { 'X-Corbado-ProjectID': server.project.id },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { keys: { kid: string; alg: string }[] };
    assert.ok(body.keys.length >= 1);
    assert.ok(body.keys.every((key) => key.alg === 'RS256'));
  });

  test('key rotation: old tokens verify until they expire; after the overlap the old key is gone', async () => {
    const before = await startSession(server);
    const oldKid = JSON.parse(
      Buffer.from(before.sessionToken.split('.')[0] ?? '', 'base64url').toString(),
    ).kid as string;
    await rotateSigningKeys(server.passkeys, {
      projectId: server.project.id,
      purpose: 'session',
      overlapMs: 60 * 60 * 1000,
    });
    const afterRotation = await startSession(server);
    assert.ok(await sessions().validateToken(before.sessionToken));
    assert.ok(await sessions().validateToken(afterRotation.sessionToken));
    const jwks = async () =>
      json<{ keys: { kid: string }[] }>(
        await server.app.inject({
          method: 'GET',
          url: '/.well-known/jwks.json',
          headers: { 'x-corbado-projectid': server.project.id },
        }),
      ).keys.map((key) => key.kid);
    assert.ok((await jwks()).includes(oldKid));
    // Past the overlap (by the server's clock, which the JWKS follows) the old key is gone.
    server.clock.advance(60 * 60 * 1000 + 1);
    const kids = await jwks();
    assert.ok(!kids.includes(oldKid));
    assert.equal(kids.length, 1);
  });
});
