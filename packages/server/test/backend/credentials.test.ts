import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { formatTimestamp } from '../../src/core/clock.js';
import { newId } from '../../src/core/ids.js';
import { cryptoRandom } from '../../src/core/random.js';
import { upsertClientEnv } from '../../src/store/client-env.store.js';
import { type CredentialRecord, insertCredential } from '../../src/store/credential.store.js';
import { insertPasswordManager } from '../../src/store/password-manager.store.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  createUser as createUserViaApi,
  login,
  loginFinish,
  loginStart,
  optionsOf,
  register,
  testOrigin,
} from '../support/passkey-client.js';
import { createTestServer, queryString, type TestServer } from '../support/test-server.js';
import {
  coseKey,
  createSoftwareAuthenticator,
} from '../support/webauthn/software-authenticator.js';

interface WireCredential {
  id: string;
  credentialID: string;
  attestationType: string;
  transport: string[];
  backupEligible: boolean;
  backupState: boolean;
  authenticatorAAGUID: string;
  sourceOS: string;
  sourceBrowser: string;
  lastUsed: string;
  lastUsedMs: number;
  created: string;
  createdMs: number;
  status: string;
  aaguidDetails: { aaguid: string; name: string; iconLight: string; iconDark: string };
  tags: string[];
}

interface WireCredentialList {
  credentials: WireCredential[];
  paging: { page: number; totalPages: number; totalItems: number };
}

const googlePasswordManager = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const windowsHello = '08987058-cadc-4b81-b6e1-30de50dcbe96';
/** A security key that attests with "none" reports the all-zero AAGUID. */
const zeroAaguid = '00000000-0000-0000-0000-000000000000';
const hour = 3_600_000;
const start = Date.UTC(2026, 0, 1);
const timestampFormat = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function es256PublicKey(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return coseKey(publicKey, 'ES256').toString('base64url');
}

describeEachDatabase('Backend API credentials', (kind) => {
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
    createUser: () => createUserViaApi({ app: server.app, authorization }, 'Ada Lovelace'),
    list: (userID: string, query: Record<string, string | string[]> = {}) => {
      const search = queryString(query);
      return server.app.inject({
        method: 'GET',
        url: `/v2/users/${userID}/credentials${search}`,
        headers: { authorization },
      });
    },
    remove: (userID: string, credentialID: string) =>
      server.app.inject({
        method: 'DELETE',
        url: `/v2/users/${userID}/credentials/${credentialID}`,
        headers: { authorization },
      }),
    passwordManagers: (userID: string) =>
      server.app.inject({
        method: 'GET',
        url: `/v2/users/${userID}/passwordManagers`,
        headers: { authorization },
      }),
    subscribe: async (events: string[]) => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v2/webhookEndpoints',
        headers: { authorization, 'content-type': 'application/json' },
        payload: JSON.stringify({
          url: 'https://hooks.example.com/latchkey',
          subscribedEvents: events,
          customHeaders: {},
        }),
      });
      assert.equal(response.statusCode, 200, response.body);
    },
  });
  const own = () => as(server.authorization);

  /** Stores a passkey as append/finish would, created `offsetMs` after the clock's start. */
  async function addCredential(
    projectId: string,
    userId: string,
    offsetMs: number,
    overrides: Partial<CredentialRecord> = {},
  ): Promise<CredentialRecord> {
    const credential: CredentialRecord = {
      id: newId('credential', cryptoRandom),
      projectId,
      userId,
      credentialId: randomBytes(32).toString('base64url'),
      username: 'ada@example.com',
      publicKey: es256PublicKey(),
      algorithm: -7,
      signCount: 0,
      transports: ['hybrid', 'internal'],
      aaguid: googlePasswordManager,
      backupEligible: true,
      backupState: true,
      attestationType: 'none',
      sourceOs: 'Android',
      sourceBrowser: 'Chrome',
      status: 'active',
      clientEnvId: null,
      suspectedCloneAt: null,
      createdAt: start + offsetMs,
      lastUsedAt: start + offsetMs,
      ...overrides,
    };
    await insertCredential(server.deps.db, credential);
    return credential;
  }

  /**
   * A user with three passkeys: Firefox on Linux (synced, Google Password Manager), Chrome on
   * Windows (Windows Hello, used since), and a pending security key added in Edge on Android.
   */
  async function userWithThreePasskeys() {
    const userID = await own().createUser();
    const firefox = await addCredential(server.project.id, userID, hour, {
      sourceBrowser: 'Firefox',
      sourceOs: 'Linux',
    });
    const chrome = await addCredential(server.project.id, userID, 2 * hour, {
      sourceBrowser: 'Chrome',
      sourceOs: 'Windows',
      aaguid: windowsHello,
      transports: ['internal'],
      backupEligible: false,
      backupState: false,
      signCount: 12,
      lastUsedAt: start + 5 * hour + 1234,
    });
    const edge = await addCredential(server.project.id, userID, 3 * hour, {
      sourceBrowser: 'Edge',
      sourceOs: 'Android',
      aaguid: zeroAaguid,
      // 'cable' is what older Chrome reported for hybrid; the spec's enum has no such value.
      transports: ['usb', 'nfc', 'cable'],
      backupEligible: false,
      backupState: false,
      attestationType: 'packed',
      status: 'pending',
    });
    return { userID, firefox, chrome, edge };
  }

  const idsOf = (list: WireCredentialList) => list.credentials.map((credential) => credential.id);

  test('lists a user’s passkeys with every field of the spec’s credential', async () => {
    const { userID, firefox, chrome, edge } = await userWithThreePasskeys();
    const list = assertOk<WireCredentialList>(await own().list(userID), 'credentialList');
    assert.deepEqual(idsOf(list), [firefox.id, chrome.id, edge.id]);
    assert.deepEqual(list.paging, { page: 1, totalPages: 1, totalItems: 3 });
    assert.deepEqual(list.credentials[0], {
      id: firefox.id,
      credentialID: firefox.credentialId,
      attestationType: 'none',
      transport: ['hybrid', 'internal'],
      backupEligible: true,
      backupState: true,
      authenticatorAAGUID: googlePasswordManager,
      sourceOS: 'Linux',
      sourceBrowser: 'Firefox',
      lastUsed: '2026-01-01T01:00:00Z',
      lastUsedMs: start + hour,
      created: '2026-01-01T01:00:00Z',
      createdMs: start + hour,
      status: 'active',
      aaguidDetails: {
        aaguid: googlePasswordManager,
        name: 'Google Password Manager',
        iconLight: '',
        iconDark: '',
      },
      tags: [],
    });
    const [, second, third] = list.credentials;
    assert.equal(second?.aaguidDetails.name, 'Windows Hello');
    assert.equal(second?.lastUsedMs, chrome.lastUsedAt);
    assert.equal(second?.lastUsed, formatTimestamp(chrome.lastUsedAt));
    assert.match(String(second?.lastUsed), timestampFormat);
    // Unknown (here all-zero) AAGUIDs get the catalog's fallback name.
    assert.deepEqual(third?.aaguidDetails, {
      aaguid: zeroAaguid,
      name: 'Passkey',
      iconLight: '',
      iconDark: '',
    });
    // Transports outside the spec's enum are left out, the rest kept in order.
    assert.deepEqual(third?.transport, ['usb', 'nfc']);
    assert.equal(third?.status, 'pending');
    assert.equal(third?.attestationType, 'packed');
    // credentialID is the base64url WebAuthn credential ID, byte for byte.
    assert.equal(Buffer.from(String(third?.credentialID), 'base64url').length, 32);
    assert.equal(third?.credentialID, edge.credentialId);
  });

  test('a user without passkeys gets an empty list; the bare user number works in the path', async () => {
    const userID = await own().createUser();
    const list = assertOk<WireCredentialList>(await own().list(userID), 'credentialList');
    assert.deepEqual(list, { credentials: [], paging: { page: 1, totalPages: 0, totalItems: 0 } });
    const { userID: withPasskeys, firefox } = await userWithThreePasskeys();
    const bare = assertOk<WireCredentialList>(
      await own().list(withPasskeys.slice('usr-'.length)),
      'credentialList',
    );
    assert.equal(bare.credentials[0]?.id, firefox.id);
  });

  test('pages through the list without overlaps or gaps', async () => {
    const { userID, firefox, chrome, edge } = await userWithThreePasskeys();
    const first = assertOk<WireCredentialList>(
      await own().list(userID, { pageSize: '2' }),
      'credentialList',
    );
    assert.deepEqual(idsOf(first), [firefox.id, chrome.id]);
    assert.deepEqual(first.paging, { page: 1, totalPages: 2, totalItems: 3 });
    const second = assertOk<WireCredentialList>(
      await own().list(userID, { pageSize: '2', page: '2' }),
      'credentialList',
    );
    assert.deepEqual(idsOf(second), [edge.id]);
    assert.deepEqual(second.paging, { page: 2, totalPages: 2, totalItems: 3 });
    const beyond = assertOk<WireCredentialList>(
      await own().list(userID, { pageSize: '2', page: '3' }),
      'credentialList',
    );
    assert.deepEqual(beyond, {
      credentials: [],
      paging: { page: 3, totalPages: 2, totalItems: 3 },
    });
  });

  test('sorts by each of the spec’s fields, ties by creation time', async () => {
    const { userID, firefox, chrome, edge } = await userWithThreePasskeys();
    const cases: Array<[string, string[]]> = [
      ['created:asc', [firefox.id, chrome.id, edge.id]],
      ['created:desc', [edge.id, chrome.id, firefox.id]],
      ['browserName:asc', [chrome.id, edge.id, firefox.id]],
      ['browserName:desc', [firefox.id, edge.id, chrome.id]],
      ['osName:desc', [chrome.id, firefox.id, edge.id]],
      ['osName', [edge.id, firefox.id, chrome.id]],
      ['status:asc', [firefox.id, chrome.id, edge.id]],
      ['status:desc', [edge.id, chrome.id, firefox.id]],
      ['backupState:asc', [chrome.id, edge.id, firefox.id]],
      ['backupState:desc', [firefox.id, edge.id, chrome.id]],
      ['userID:desc', [edge.id, chrome.id, firefox.id]],
    ];
    for (const [sort, expected] of cases) {
      const list = assertOk<WireCredentialList>(
        await own().list(userID, { sort }),
        'credentialList',
      );
      assert.deepEqual(idsOf(list), expected, sort);
    }
  });

  test('filters by each of the spec’s fields (all filters must hold)', async () => {
    const { userID, firefox, chrome, edge } = await userWithThreePasskeys();
    const otherUser = await own().createUser();
    const cases: Array<[string[], string[]]> = [
      [['status:eq:pending'], [edge.id]],
      [['status:eq:active'], [firefox.id, chrome.id]],
      [['backupState:eq:true'], [firefox.id]],
      [['backupState:eq:false'], [chrome.id, edge.id]],
      [['browserName:eq:Chrome'], [chrome.id]],
      [['browserName:gt:Edge'], [firefox.id]],
      [['osName:eq:Linux'], [firefox.id]],
      [['osName:lt:Linux'], [edge.id]],
      [['created:gt:2026-01-01T01:30:00'], [chrome.id, edge.id]],
      [['created:gt:2026-01-01T01:30:00Z', 'created:lt:2026-01-01T02:30:00+00:00'], [chrome.id]],
      [['created:eq:2026-01-01T02:00:00'], [chrome.id]],
      [[`userID:eq:${userID}`], [firefox.id, chrome.id, edge.id]],
      [[`userID:eq:${userID.slice('usr-'.length)}`], [firefox.id, chrome.id, edge.id]],
      [[`userID:eq:${otherUser}`], []],
      [['status:eq:active', 'backupState:eq:false'], [chrome.id]],
    ];
    for (const [filters, expected] of cases) {
      const list = assertOk<WireCredentialList>(
        await own().list(userID, { 'filter[]': filters }),
        'credentialList',
      );
      assert.deepEqual(idsOf(list), expected, filters.join(' & '));
      assert.equal(list.paging.totalItems, expected.length, filters.join(' & '));
    }
    // Clients that drop the brackets get the same filter.
    const unbracketed = assertOk<WireCredentialList>(
      await own().list(userID, { filter: 'status:eq:pending' }),
      'credentialList',
    );
    assert.deepEqual(idsOf(unbracketed), [edge.id]);
  });

  test('lists only the user’s own passkeys, never another user’s or project’s', async () => {
    const { userID, firefox, chrome, edge } = await userWithThreePasskeys();
    const neighbour = await own().createUser();
    const neighbours = await addCredential(server.project.id, neighbour, hour);
    const foreignUser = await as(other.authorization).createUser();
    await addCredential(other.project.id, foreignUser, hour);

    const list = assertOk<WireCredentialList>(await own().list(userID), 'credentialList');
    assert.deepEqual(idsOf(list), [firefox.id, chrome.id, edge.id]);
    const theirs = assertOk<WireCredentialList>(await own().list(neighbour), 'credentialList');
    assert.deepEqual(idsOf(theirs), [neighbours.id]);
    // Another project's user does not exist for this project, and vice versa.
    assertError(await own().list(foreignUser), { status: 404, code: 'USER_NOT_FOUND' });
    assertError(await as(other.authorization).list(userID), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(await own().list('usr-1234567890123456789'), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
  });

  test('hostile list parameters are 400s naming the parameter', async () => {
    const { userID } = await userWithThreePasskeys();
    const cases: Array<[string, Record<string, string | string[]>, string]> = [
      ['abc', {}, 'userID'],
      ['usr-12ab', {}, 'userID'],
      ["usr-1'; DROP TABLE credentials; --", {}, 'userID'],
      [userID, { sort: 'lastUsed:asc' }, 'sort'],
      [userID, { sort: 'created:sideways' }, 'sort'],
      [userID, { 'filter[]': 'publicKey:eq:x' }, 'filter[]'],
      [userID, { 'filter[]': 'backupState:eq:yes' }, 'filter[]'],
      [userID, { 'filter[]': 'status:eq:revoked' }, 'filter[]'],
      [userID, { 'filter[]': 'status:gt:active' }, 'filter[]'],
      [userID, { 'filter[]': 'created:eq:2026-02-30' }, 'filter[]'],
      [userID, { 'filter[]': 'created:gt:yesterday' }, 'filter[]'],
      [userID, { 'filter[]': 'userID:eq:cre-1234567890123456789' }, 'filter[]'],
      [userID, { 'filter[]': 'browserName:eq:Chr\u0000ome' }, 'filter[]'],
      [userID, { 'filter[]': 'browserName' }, 'filter[]'],
      [userID, { page: '0' }, 'page'],
    ];
    for (const [user, query, field] of cases) {
      assertError(await own().list(encodeURIComponent(user), query), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: `${user} ${JSON.stringify(query)}`,
      });
    }
  });

  test('DELETE removes the passkey, its password managers, and queues passkey.deleted', async () => {
    const project = await server.createProject('Webhook project');
    const api = as(project.authorization);
    await api.subscribe(['passkey.deleted']);
    const userID = await api.createUser();
    const doomed = await addCredential(project.project.id, userID, hour, {
      signCount: 4,
      lastUsedAt: start + 2 * hour,
    });
    const kept = await addCredential(project.project.id, userID, 2 * hour, {
      aaguid: windowsHello,
    });
    const clientEnvId = await upsertClientEnv(server.deps.db, {
      id: newId('clientEnv', cryptoRandom),
      projectId: project.project.id,
      userId: userID,
      handle: 'ceh-8ad1c0d4',
      browserName: 'Chrome',
      browserVersion: '120.0.0.0',
      osName: 'Android',
      osVersion: '14',
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
      jsFingerprint: 'a3f9c2e1b4d5',
      deviceId: null,
      createdAt: start + hour,
      lastSeenAt: start + hour,
    });
    for (const credential of [doomed, kept]) {
      await insertPasswordManager(server.deps.db, {
        id: newId('passwordManager', cryptoRandom),
        projectId: project.project.id,
        userId: userID,
        clientEnvId,
        credentialId: credential.id,
        aaguid: credential.aaguid,
        status: 'active',
        score: 100,
        createdAt: credential.createdAt,
      });
    }
    server.clock.advance(hour);
    const deletedAt = server.clock.now();

    assertOk(await api.remove(userID, doomed.id), 'genericRsp');

    const list = assertOk<WireCredentialList>(await api.list(userID), 'credentialList');
    assert.deepEqual(idsOf(list), [kept.id]);
    const managers = assertOk<{ passwordManagers: Array<{ credentialID: string }> }>(
      await api.passwordManagers(userID),
      'passwordManagerList',
    );
    assert.deepEqual(
      managers.passwordManagers.map((manager) => manager.credentialID),
      [kept.id],
    );

    const deliveries = await server.deps.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('project_id', '=', project.project.id)
      .execute();
    assert.equal(deliveries.length, 1);
    const [delivery] = deliveries;
    assert.equal(delivery?.event_type, 'passkey.deleted');
    assert.equal(delivery?.status, 'pending');
    const payload = JSON.parse(String(delivery?.payload)) as Record<string, unknown>;
    assert.equal(payload.type, 'passkey.deleted');
    assert.equal(payload.projectID, project.project.id);
    assert.equal(payload.timestampMs, deletedAt);
    assert.equal(payload.id, delivery?.event_id);
    assert.deepEqual(payload.data, {
      userID,
      id: doomed.id,
      credentialID: doomed.credentialId,
      username: 'ada@example.com',
      authenticatorAAGUID: googlePasswordManager,
      authenticatorName: 'Google Password Manager',
      backupEligible: true,
      backupState: true,
      transport: ['hybrid', 'internal'],
      created: '2026-01-01T01:00:00Z',
      createdMs: start + hour,
    });

    // Deleting again: 404, and no second event.
    assertError(await api.remove(userID, doomed.id), { status: 404, code: 'CREDENTIAL_NOT_FOUND' });
    const after = await server.deps.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('project_id', '=', project.project.id)
      .execute();
    assert.equal(after.length, 1);
  });

  test('DELETE without subscribers deletes and queues nothing; the prefix is optional', async () => {
    const project = await server.createProject('Quiet project');
    const api = as(project.authorization);
    await api.subscribe(['user.deleted']);
    const userID = await api.createUser();
    const credential = await addCredential(project.project.id, userID, hour);
    assertOk(await api.remove(userID, credential.id.slice('cre-'.length)), 'genericRsp');
    assert.deepEqual(
      assertOk<WireCredentialList>(await api.list(userID), 'credentialList').credentials,
      [],
    );
    const deliveries = await server.deps.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('project_id', '=', project.project.id)
      .execute();
    assert.equal(deliveries.length, 0);
  });

  test('DELETE answers 404 for unknown users and for other users’ or projects’ passkeys', async () => {
    const { userID, firefox } = await userWithThreePasskeys();
    const neighbour = await own().createUser();
    const neighbours = await addCredential(server.project.id, neighbour, hour);
    const foreignUser = await as(other.authorization).createUser();
    const foreign = await addCredential(other.project.id, foreignUser, hour);

    const cases: Array<[string, string, string, string]> = [
      [server.authorization, 'usr-1234567890123456789', firefox.id, 'USER_NOT_FOUND'],
      [server.authorization, userID, 'cre-1234567890123456789', 'CREDENTIAL_NOT_FOUND'],
      // Another user's passkey under this user's path.
      [server.authorization, userID, neighbours.id, 'CREDENTIAL_NOT_FOUND'],
      // Another project's passkey under this project's user, and under its own user.
      [server.authorization, userID, foreign.id, 'CREDENTIAL_NOT_FOUND'],
      [server.authorization, foreignUser, foreign.id, 'USER_NOT_FOUND'],
      // This project's passkey with the other project's secret.
      [other.authorization, userID, firefox.id, 'USER_NOT_FOUND'],
    ];
    for (const [authorization, user, credential, code] of cases) {
      assertError(await as(authorization).remove(user, credential), {
        status: 404,
        code,
        label: `${user}/${credential}`,
      });
    }
    // Nothing was deleted.
    assert.equal(
      assertOk<WireCredentialList>(await own().list(userID), 'credentialList').credentials.length,
      3,
    );
    assert.deepEqual(
      idsOf(assertOk<WireCredentialList>(await own().list(neighbour), 'credentialList')),
      [neighbours.id],
    );
    assert.deepEqual(
      idsOf(
        assertOk<WireCredentialList>(
          await as(other.authorization).list(foreignUser),
          'credentialList',
        ),
      ),
      [foreign.id],
    );
  });

  test('DELETE with IDs that cannot be IDs is a 400 naming the parameter', async () => {
    const { userID, firefox } = await userWithThreePasskeys();
    const cases: Array<[string, string, string]> = [
      ['abc', firefox.id, 'userID'],
      // The WebAuthn credential ID is not the path's credentialID (that is the cre-… ID).
      [userID, firefox.credentialId, 'credentialID'],
      [userID, 'pch-1234567890123456789', 'credentialID'],
      [userID, 'cre-', 'credentialID'],
      [userID, encodeURIComponent("cre-1' OR '1'='1"), 'credentialID'],
      [userID, 'x'.repeat(65), 'credentialID'],
    ];
    for (const [user, credential, field] of cases) {
      assertError(await own().remove(user, credential), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: `${user}/${credential}`,
      });
    }
    assert.equal(
      assertOk<WireCredentialList>(await own().list(userID), 'credentialList').credentials.length,
      3,
    );
  });

  test('a passkey registered with the software authenticator is listed, and cannot log in once deleted', async () => {
    const userID = await createUserViaApi(server);
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    const finish = await register(server, authenticator, userID);
    const { passkeyData } = assertOk<{ passkeyData: { id: string } }>(
      finish,
      'passkeyAppendFinishRsp',
    );
    const list = assertOk<WireCredentialList>(await own().list(userID), 'credentialList');
    assert.equal(list.credentials.length, 1);
    const [listed] = list.credentials;
    assert.equal(listed?.id, passkeyData.id);
    assert.equal(listed?.status, 'active');
    assert.equal(listed?.createdMs, server.clock.now());
    assert.equal(Buffer.from(String(listed?.credentialID), 'base64url').length > 0, true);
    assert.equal(listed?.aaguidDetails.aaguid, listed?.authenticatorAAGUID);
    assertOk(await login(server, authenticator, userID), 'passkeyLoginFinishRsp');

    // A login started before the delete cannot finish after it.
    const started = await loginStart(server, userID);
    assert.equal(started.statusCode, 200, started.body);
    const assertion = authenticator.getAssertion(optionsOf(started, 'assertionOptions') as never, {
      origin: testOrigin,
    });
    assertOk(await own().remove(userID, passkeyData.id), 'genericRsp');
    assertError(await loginFinish(server, userID, assertion), {
      status: 400,
      code: 'WEBAUTHN_VERIFICATION_FAILED',
    });
    assert.deepEqual(
      assertOk<WireCredentialList>(await own().list(userID), 'credentialList').credentials,
      [],
    );
  });
});
