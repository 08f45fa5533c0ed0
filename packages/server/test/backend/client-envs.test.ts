import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { newId } from '../../src/core/ids.js';
import { cryptoRandom } from '../../src/core/random.js';
import { type ClientEnvRecord, upsertClientEnv } from '../../src/store/client-env.store.js';
import { type CredentialRecord, insertCredential } from '../../src/store/credential.store.js';
import { insertPasswordManager } from '../../src/store/password-manager.store.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  clientInformation,
  createUser as createUserViaApi,
  register,
} from '../support/passkey-client.js';
import { createTestServer, type TestServer } from '../support/test-server.js';
import {
  coseKey,
  createSoftwareAuthenticator,
} from '../support/webauthn/software-authenticator.js';

interface WireClientEnv {
  id: string;
  handle: string;
  browserName: string;
  browserVersion: string;
  osName: string;
  osVersion: string;
  userAgent: string;
  jsFingerprint: string;
  createdMs: number;
  deviceId?: string;
}

interface WirePasswordManager {
  id: string;
  userID: string;
  clientEnvID: string;
  credentialID: string;
  aaguid: string;
  status: string;
  score: number;
  createdMs: number;
}

const googlePasswordManager = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const applePasswords = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const hour = 3_600_000;
const start = Date.UTC(2026, 0, 1);
const pixelUserAgent =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const iphoneUserAgent =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';

describeEachDatabase('Backend API client environments and password managers', (kind) => {
  let server: TestServer;
  let other: Awaited<ReturnType<TestServer['createProject']>>;
  before(async () => {
    server = await createTestServer(kind, { startMs: start });
    other = await server.createProject('Other project');
  });
  after(async () => {
    await server.close();
  });

  const as = (authorization: string) => ({
    createUser: () => createUserViaApi({ app: server.app, authorization }, 'Katherine Johnson'),
    clientEnvs: (userID: string) =>
      server.app.inject({
        method: 'GET',
        url: `/v2/users/${userID}/clientEnvs`,
        headers: { authorization },
      }),
    passwordManagers: (userID: string) =>
      server.app.inject({
        method: 'GET',
        url: `/v2/users/${userID}/passwordManagers`,
        headers: { authorization },
      }),
  });
  const own = () => as(server.authorization);

  async function addClientEnv(
    projectId: string,
    userId: string,
    offsetMs: number,
    overrides: Partial<ClientEnvRecord> = {},
  ): Promise<ClientEnvRecord> {
    const env: ClientEnvRecord = {
      id: newId('clientEnv', cryptoRandom),
      projectId,
      userId,
      handle: `ceh-${randomBytes(8).toString('hex')}`,
      browserName: 'Chrome',
      browserVersion: '120.0.0.0',
      osName: 'Android',
      osVersion: '14',
      userAgent: pixelUserAgent,
      jsFingerprint: randomBytes(16).toString('hex'),
      deviceId: null,
      createdAt: start + offsetMs,
      lastSeenAt: start + offsetMs,
      ...overrides,
    };
    const id = await upsertClientEnv(server.deps.db, env);
    return { ...env, id };
  }

  async function addSyncedPasskey(
    projectId: string,
    userId: string,
    env: ClientEnvRecord,
    aaguid: string,
  ): Promise<{ credential: CredentialRecord; managerId: string }> {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credential: CredentialRecord = {
      id: newId('credential', cryptoRandom),
      projectId,
      userId,
      credentialId: randomBytes(32).toString('base64url'),
      username: 'katherine@example.com',
      publicKey: coseKey(publicKey, 'ES256').toString('base64url'),
      algorithm: -7,
      signCount: 0,
      transports: ['hybrid', 'internal'],
      aaguid,
      backupEligible: true,
      backupState: true,
      attestationType: 'none',
      sourceOs: env.osName,
      sourceBrowser: env.browserName,
      status: 'active',
      clientEnvId: env.id,
      suspectedCloneAt: null,
      createdAt: env.createdAt,
      lastUsedAt: env.createdAt,
    };
    await insertCredential(server.deps.db, credential);
    const managerId = newId('passwordManager', cryptoRandom);
    await insertPasswordManager(server.deps.db, {
      id: managerId,
      projectId,
      userId,
      clientEnvId: env.id,
      credentialId: credential.id,
      aaguid,
      status: 'active',
      score: 100,
      createdAt: env.createdAt,
    });
    return { credential, managerId };
  }

  test('lists a user’s client environments oldest first, deviceId only when known', async () => {
    const userID = await own().createUser();
    const iphone = await addClientEnv(server.project.id, userID, 2 * hour, {
      browserName: 'Safari',
      browserVersion: '17.2',
      osName: 'iOS',
      osVersion: '17.2',
      userAgent: iphoneUserAgent,
      jsFingerprint: '',
      deviceId: 'ios-build-5.4.1',
    });
    const pixel = await addClientEnv(server.project.id, userID, hour);
    const body = assertOk<{ clientEnvs: WireClientEnv[] }>(
      await own().clientEnvs(userID),
      'clientEnvList',
    );
    assert.deepEqual(body.clientEnvs, [
      {
        id: pixel.id,
        handle: pixel.handle,
        browserName: 'Chrome',
        browserVersion: '120.0.0.0',
        osName: 'Android',
        osVersion: '14',
        userAgent: pixelUserAgent,
        jsFingerprint: pixel.jsFingerprint,
        createdMs: start + hour,
      },
      {
        id: iphone.id,
        handle: iphone.handle,
        browserName: 'Safari',
        browserVersion: '17.2',
        osName: 'iOS',
        osVersion: '17.2',
        userAgent: iphoneUserAgent,
        jsFingerprint: '',
        createdMs: start + 2 * hour,
        deviceId: 'ios-build-5.4.1',
      },
    ]);
    assert.equal(Object.hasOwn(body.clientEnvs[0] ?? {}, 'deviceId'), false);
  });

  test('lists a user’s password managers oldest first', async () => {
    const userID = await own().createUser();
    const pixel = await addClientEnv(server.project.id, userID, hour);
    const iphone = await addClientEnv(server.project.id, userID, 2 * hour, {
      browserName: 'Safari',
      osName: 'iOS',
      userAgent: iphoneUserAgent,
    });
    const google = await addSyncedPasskey(server.project.id, userID, pixel, googlePasswordManager);
    const apple = await addSyncedPasskey(server.project.id, userID, iphone, applePasswords);
    const body = assertOk<{ passwordManagers: WirePasswordManager[] }>(
      await own().passwordManagers(userID),
      'passwordManagerList',
    );
    assert.deepEqual(body.passwordManagers, [
      {
        id: google.managerId,
        userID,
        clientEnvID: pixel.id,
        credentialID: google.credential.id,
        aaguid: googlePasswordManager,
        status: 'active',
        score: 100,
        createdMs: start + hour,
      },
      {
        id: apple.managerId,
        userID,
        clientEnvID: iphone.id,
        credentialID: apple.credential.id,
        aaguid: applePasswords,
        status: 'active',
        score: 100,
        createdMs: start + 2 * hour,
      },
    ]);
  });

  test('a user without any has empty lists', async () => {
    const userID = await own().createUser();
    assert.deepEqual(
      assertOk(await own().clientEnvs(userID.slice('usr-'.length)), 'clientEnvList'),
      { clientEnvs: [] },
    );
    assert.deepEqual(assertOk(await own().passwordManagers(userID), 'passwordManagerList'), {
      passwordManagers: [],
    });
  });

  test('only the user’s own rows; other projects’ users, unknown users 404; bad IDs 400', async () => {
    const userID = await own().createUser();
    const mine = await addClientEnv(server.project.id, userID, hour);
    const mySynced = await addSyncedPasskey(server.project.id, userID, mine, googlePasswordManager);
    const neighbour = await own().createUser();
    const theirs = await addClientEnv(server.project.id, neighbour, hour);
    await addSyncedPasskey(server.project.id, neighbour, theirs, applePasswords);
    const foreignUser = await as(other.authorization).createUser();
    const foreign = await addClientEnv(other.project.id, foreignUser, hour);
    await addSyncedPasskey(other.project.id, foreignUser, foreign, googlePasswordManager);

    const envs = assertOk<{ clientEnvs: WireClientEnv[] }>(
      await own().clientEnvs(userID),
      'clientEnvList',
    );
    assert.deepEqual(
      envs.clientEnvs.map((env) => env.id),
      [mine.id],
    );
    const managers = assertOk<{ passwordManagers: WirePasswordManager[] }>(
      await own().passwordManagers(userID),
      'passwordManagerList',
    );
    assert.deepEqual(
      managers.passwordManagers.map((manager) => manager.id),
      [mySynced.managerId],
    );

    for (const call of ['clientEnvs', 'passwordManagers'] as const) {
      assertError(await own()[call](foreignUser), {
        status: 404,
        code: 'USER_NOT_FOUND',
        label: call,
      });
      assertError(await as(other.authorization)[call](userID), {
        status: 404,
        code: 'USER_NOT_FOUND',
        label: call,
      });
      assertError(await own()[call]('usr-1234567890123456789'), {
        status: 404,
        code: 'USER_NOT_FOUND',
        label: call,
      });
      for (const bad of [
        'abc',
        'cle-1234567890123456789',
        encodeURIComponent("usr-1' OR '1'='1"),
        '1'.repeat(65),
      ]) {
        assertError(await own()[call](bad), {
          status: 400,
          code: 'VALIDATION_FAILED',
          field: 'userID',
          label: `${call} ${bad}`,
        });
      }
    }
  });

  test('a registration records the client environment and the synced passkey’s provider', async () => {
    const userID = await createUserViaApi(server);
    const authenticator = createSoftwareAuthenticator({
      signCounter: 'zero',
      aaguid: googlePasswordManager,
    });
    const finish = assertOk<{ passkeyData: { id: string } }>(
      await register(server, authenticator, userID),
      'passkeyAppendFinishRsp',
    );
    const envs = assertOk<{ clientEnvs: WireClientEnv[] }>(
      await own().clientEnvs(userID),
      'clientEnvList',
    );
    assert.equal(envs.clientEnvs.length, 1);
    const [env] = envs.clientEnvs;
    assert.equal(env?.userAgent, clientInformation().userAgent);
    assert.equal(env?.browserName, 'Chrome');
    assert.equal(env?.createdMs, server.clock.now());
    const managers = assertOk<{ passwordManagers: WirePasswordManager[] }>(
      await own().passwordManagers(userID),
      'passwordManagerList',
    );
    assert.deepEqual(
      managers.passwordManagers.map((manager) => [
        manager.credentialID,
        manager.clientEnvID,
        manager.aaguid,
      ]),
      [[finish.passkeyData.id, env?.id, googlePasswordManager]],
    );
  });
});
