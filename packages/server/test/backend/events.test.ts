import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createJanitor } from '../../src/core/janitor/janitor.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

interface WireAuthEvent {
  authEventID: string;
  userID: string;
  username: string;
  eventType: string;
  method: string;
  created: string;
  createdMs: number;
  status: string;
}

interface WirePasskeyEvent {
  passkeyEventID: string;
  userID: string;
  eventType: string;
  clientEnvID?: string;
  processID?: string;
  credentialID?: string;
  expires?: number;
  created: string;
  createdMs: number;
}

interface WirePasskeyEventList {
  passkeyEvents: WirePasskeyEvent[];
  paging: { page: number; totalPages: number; totalItems: number };
}

const clientInformation = {
  remoteAddress: '::ffff:172.18.0.1',
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/104.0.0.0 Safari/537.36',
  userVerifyingPlatformAuthenticatorAvailable: true,
  conditionalMediationAvailable: false,
  parsedDeviceInfo: {
    browserName: 'Chrome',
    browserVersion: '104.0',
    osName: 'Windows',
    osVersion: '10',
  },
};

const fullClientInformation = {
  ...clientInformation,
  clientEnvHandle: 'ceh-1',
  javascriptFingerprint: 'fp-1',
  javaScriptHighEntropy: { platform: 'Windows', platformVersion: '15.0.0', mobile: false },
  bluetoothAvailable: true,
  passwordManagerAvailable: false,
  privateMode: false,
  nativeMeta: {
    build: '1.2.3',
    deviceOwnerAuth: 'biometrics',
    isPlatformAuthenticatorAPISupported: true,
    isBluetoothAvailable: true,
    isBluetoothOn: false,
    googlePlayServices: true,
    deviceSecure: true,
  },
};

const authEventBody = {
  username: 'jane@example.com',
  eventType: 'login',
  method: 'passkey',
  status: 'success',
  clientInformation,
};

const timestampFormat = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A copy of `value` with the property at `path` replaced (or removed when `replacement` is undefined). */
function withField(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (replacement === undefined) delete target[last];
  else target[last] = replacement;
  return copy;
}

describeEachDatabase('Backend API auth and passkey events', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  const db = () => server.database.handle.db;
  const as = (authorization: string) => ({
    createUser: async () => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: { authorization },
        payload: { status: 'active' },
      });
      return assertOk<{ userID: string }>(response, 'user').userID;
    },
    deleteUser: (userID: string) =>
      server.app.inject({
        method: 'DELETE',
        url: `/v2/users/${userID}`,
        headers: { authorization },
      }),
    authEvent: (userID: string, payload: unknown) =>
      server.app.inject({
        method: 'POST',
        url: `/v2/users/${userID}/authEvents`,
        headers: { authorization },
        payload: payload as Record<string, unknown>,
      }),
    passkeyEvent: (userID: string, payload: unknown) =>
      server.app.inject({
        method: 'POST',
        url: `/v2/users/${userID}/passkeyEvents`,
        headers: { authorization },
        payload: payload as Record<string, unknown>,
      }),
    listPasskeyEvents: (userID: string, query = '') =>
      server.app.inject({
        method: 'GET',
        url: `/v2/users/${userID}/passkeyEvents${query}`,
        headers: { authorization },
      }),
    deletePasskeyEvent: (userID: string, id: string) =>
      server.app.inject({
        method: 'DELETE',
        url: `/v2/users/${userID}/passkeyEvents/${id}`,
        headers: { authorization },
      }),
  });
  const api = () => as(server.authorization);
  const count = async (table: 'auth_events' | 'passkey_events') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  // Auth events

  test('records an auth event and answers the spec authEvent', async () => {
    const userID = await api().createUser();
    server.clock.advance(1000);
    const event = assertOk<WireAuthEvent>(
      await api().authEvent(userID, authEventBody),
      'authEvent',
    );
    assert.match(event.authEventID, /^aev-\d{19}$/);
    assert.equal(event.userID, userID);
    assert.equal(event.username, 'jane@example.com');
    assert.equal(event.eventType, 'login');
    assert.equal(event.method, 'passkey');
    assert.equal(event.status, 'success');
    assert.equal(event.createdMs, server.clock.now());
    assert.match(event.created, timestampFormat);

    const row = await db()
      .selectFrom('auth_events')
      .selectAll()
      .where('id', '=', event.authEventID)
      .executeTakeFirstOrThrow();
    assert.equal(row.project_id, server.project.id);
    assert.equal(row.user_id, userID);
    assert.deepEqual(JSON.parse(row.client_information), clientInformation);
  });

  test('every enum value is accepted; the full clientInformation is kept, unknown fields are not', async () => {
    const userID = await api().createUser();
    for (const eventType of ['sign_up', 'login', 'new_passkey_added']) {
      for (const method of [
        'password',
        'email_otp',
        'email_link',
        'phone_otp',
        'passkey',
        'social_github',
        'social_google',
        'social_microsoft',
      ]) {
        for (const status of ['success', 'failure']) {
          const event = assertOk<WireAuthEvent>(
            await api().authEvent(userID, { ...authEventBody, eventType, method, status }),
            'authEvent',
          );
          assert.deepEqual(
            [event.eventType, event.method, event.status],
            [eventType, method, status],
          );
        }
      }
    }
    const event = assertOk<WireAuthEvent>(
      await api().authEvent(userID.slice('usr-'.length), {
        ...authEventBody,
        clientInformation: {
          ...fullClientInformation,
          secretTracking: 'x',
          parsedDeviceInfo: { ...fullClientInformation.parsedDeviceInfo, extra: 1 },
        },
        authEventID: 'aev-1',
        projectID: 'pro-1',
      }),
      'authEvent',
    );
    assert.equal(event.userID, userID);
    assert.notEqual(event.authEventID, 'aev-1');
    const row = await db()
      .selectFrom('auth_events')
      .selectAll()
      .where('id', '=', event.authEventID)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.client_information), fullClientInformation);
  });

  test('auth event bad input: 400 naming the field, nothing written', async () => {
    const userID = await api().createUser();
    const before = await count('auth_events');
    const cases: { path: string[]; value: unknown; field: string }[] = [
      { path: ['username'], value: undefined, field: 'username' },
      { path: ['username'], value: '', field: 'username' },
      { path: ['username'], value: '   ', field: 'username' },
      { path: ['username'], value: 'u'.repeat(321), field: 'username' },
      { path: ['username'], value: 'jane\u0000', field: 'username' },
      { path: ['username'], value: { a: 1 }, field: 'username' },
      { path: ['eventType'], value: undefined, field: 'eventType' },
      { path: ['eventType'], value: 'logout', field: 'eventType' },
      { path: ['eventType'], value: 'LOGIN', field: 'eventType' },
      { path: ['method'], value: undefined, field: 'method' },
      { path: ['method'], value: 'social_facebook', field: 'method' },
      { path: ['method'], value: 3, field: 'method' },
      { path: ['status'], value: undefined, field: 'status' },
      { path: ['status'], value: 'ok', field: 'status' },
      { path: ['clientInformation'], value: undefined, field: 'clientInformation' },
      { path: ['clientInformation'], value: 'Mozilla', field: 'clientInformation' },
      { path: ['clientInformation'], value: [clientInformation], field: 'clientInformation' },
      {
        path: ['clientInformation', 'remoteAddress'],
        value: undefined,
        field: 'clientInformation.remoteAddress',
      },
      {
        path: ['clientInformation', 'remoteAddress'],
        value: '1'.repeat(129),
        field: 'clientInformation.remoteAddress',
      },
      {
        path: ['clientInformation', 'userAgent'],
        value: undefined,
        field: 'clientInformation.userAgent',
      },
      {
        path: ['clientInformation', 'userAgent'],
        value: 'M'.repeat(1025),
        field: 'clientInformation.userAgent',
      },
      {
        path: ['clientInformation', 'userAgent'],
        value: 'Mozilla\r\nX-Evil: 1',
        field: 'clientInformation.userAgent',
      },
      { path: ['clientInformation', 'userAgent'], value: {}, field: 'clientInformation.userAgent' },
      {
        path: ['clientInformation', 'userVerifyingPlatformAuthenticatorAvailable'],
        value: undefined,
        field: 'clientInformation.userVerifyingPlatformAuthenticatorAvailable',
      },
      {
        path: ['clientInformation', 'conditionalMediationAvailable'],
        value: 'maybe',
        field: 'clientInformation.conditionalMediationAvailable',
      },
      {
        path: ['clientInformation', 'parsedDeviceInfo'],
        value: undefined,
        field: 'clientInformation.parsedDeviceInfo',
      },
      {
        path: ['clientInformation', 'parsedDeviceInfo'],
        value: 'Chrome',
        field: 'clientInformation.parsedDeviceInfo',
      },
      {
        path: ['clientInformation', 'parsedDeviceInfo', 'osName'],
        value: undefined,
        field: 'clientInformation.parsedDeviceInfo.osName',
      },
      {
        path: ['clientInformation', 'parsedDeviceInfo', 'browserName'],
        value: 'b'.repeat(129),
        field: 'clientInformation.parsedDeviceInfo.browserName',
      },
      {
        path: ['clientInformation', 'clientEnvHandle'],
        value: 'h'.repeat(257),
        field: 'clientInformation.clientEnvHandle',
      },
      {
        path: ['clientInformation', 'javascriptFingerprint'],
        value: 'f'.repeat(257),
        field: 'clientInformation.javascriptFingerprint',
      },
      {
        path: ['clientInformation', 'javaScriptHighEntropy'],
        value: { platform: 'Windows', platformVersion: '15' },
        field: 'clientInformation.javaScriptHighEntropy.mobile',
      },
      {
        path: ['clientInformation', 'nativeMeta'],
        value: { deviceSecure: true },
        field: 'clientInformation.nativeMeta.build',
      },
      {
        path: ['clientInformation', 'nativeMeta'],
        value: { build: 'b'.repeat(129) },
        field: 'clientInformation.nativeMeta.build',
      },
      {
        path: ['clientInformation', 'privateMode'],
        value: 'perhaps',
        field: 'clientInformation.privateMode',
      },
    ];
    for (const { path, value, field } of cases) {
      assertError(await api().authEvent(userID, withField(authEventBody, path, value)), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: `${path.join('.')}=${JSON.stringify(value)?.slice(0, 40)}`,
      });
    }
    assert.equal(await count('auth_events'), before, 'a rejected event writes nothing');
  });

  test('auth events for unknown users, malformed IDs and other projects are refused', async () => {
    const other = await server.createProject('Other events project');
    const otherUser = await as(other.authorization).createUser();
    const before = await count('auth_events');
    assertError(await api().authEvent('usr-4693224802260150919', authEventBody), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(await api().authEvent(otherUser, authEventBody), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    for (const id of ['abc', 'usr-', 'pev-1', `usr-${'1'.repeat(21)}`]) {
      assertError(await api().authEvent(id, authEventBody), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'userID',
        label: id,
      });
    }
    assert.equal(await count('auth_events'), before);
    // The other project can use its own user.
    assertOk(await as(other.authorization).authEvent(otherUser, authEventBody), 'authEvent');
  });

  // Passkey events

  test('creates passkey events, minimal and full; expires also sets expires_at for the janitor', async () => {
    const userID = await api().createUser();
    const minimal = assertOk<WirePasskeyEvent>(
      await api().passkeyEvent(userID, { eventType: 'login-error' }),
      'passkeyEvent',
    );
    assert.match(minimal.passkeyEventID, /^pev-\d{19}$/);
    assert.equal(minimal.userID, userID);
    assert.equal(minimal.eventType, 'login-error');
    assert.equal(minimal.createdMs, server.clock.now());
    assert.match(minimal.created, timestampFormat);
    for (const key of ['expires', 'processID', 'clientEnvID', 'credentialID']) {
      assert.equal(key in minimal, false, key);
    }

    const expires = Math.floor(server.clock.now() / 1000) + 3600;
    const full = assertOk<WirePasskeyEvent>(
      await api().passkeyEvent(userID, {
        eventType: 'user-login-blacklisted',
        expires,
        processID: 'pro-process-1',
        clientEnvID: 'cle-1',
        credentialID: 'cre-1',
        challenge: 'c'.repeat(256),
      }),
      'passkeyEvent',
    );
    assert.equal(full.expires, expires);
    assert.equal(full.processID, 'pro-process-1');
    assert.equal(full.clientEnvID, 'cle-1');
    assert.equal(full.credentialID, 'cre-1');
    assert.equal('challenge' in full, false, 'the spec passkeyEvent has no challenge');
    const row = await db()
      .selectFrom('passkey_events')
      .selectAll()
      .where('id', '=', full.passkeyEventID)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.expires), expires);
    assert.equal(Number(row.expires_at), expires * 1000);
    assert.equal(row.challenge, 'c'.repeat(256));
    assert.equal(row.project_id, server.project.id);
    const minimalRow = await db()
      .selectFrom('passkey_events')
      .selectAll()
      .where('id', '=', minimal.passkeyEventID)
      .executeTakeFirstOrThrow();
    assert.equal(minimalRow.expires_at, null);
  });

  test('every passkey event type is accepted', async () => {
    const userID = await api().createUser();
    const types = [
      'user-login-blacklisted',
      'login-explicit-abort',
      'login-error',
      'login-error-untyped',
      'login-one-tap-switch',
      'user-append-after-cross-platform-blacklisted',
      'user-append-after-login-error-blacklisted',
      'append-credential-exists',
      'append-explicit-abort',
      'append-error',
      'login-no-credentials',
    ];
    for (const eventType of types) {
      assertOk(await api().passkeyEvent(userID, { eventType }), 'passkeyEvent');
    }
    const list = assertOk<WirePasskeyEventList>(
      await api().listPasskeyEvents(userID, '?pageSize=100'),
      'passkeyEventList',
    );
    assert.deepEqual(list.passkeyEvents.map((e) => e.eventType).sort(), [...types].sort());
  });

  test('passkey event bad input: 400 naming the field, nothing written', async () => {
    const userID = await api().createUser();
    const before = await count('passkey_events');
    const cases: { payload: unknown; field: string }[] = [
      { payload: {}, field: 'eventType' },
      { payload: { eventType: 'login-success' }, field: 'eventType' },
      { payload: { eventType: '' }, field: 'eventType' },
      { payload: { eventType: ['login-error', 'append-error'] }, field: 'eventType' },
      { payload: { eventType: 'login-error', expires: 0 }, field: 'expires' },
      { payload: { eventType: 'login-error', expires: -1 }, field: 'expires' },
      { payload: { eventType: 'login-error', expires: 1.5 }, field: 'expires' },
      { payload: { eventType: 'login-error', expires: 'tomorrow' }, field: 'expires' },
      { payload: { eventType: 'login-error', expires: 253_402_300_800 }, field: 'expires' },
      // Milliseconds sent by mistake.
      { payload: { eventType: 'login-error', expires: 1_767_225_600_000_000 }, field: 'expires' },
      { payload: { eventType: 'login-error', processID: 'p'.repeat(129) }, field: 'processID' },
      { payload: { eventType: 'login-error', clientEnvID: 'c'.repeat(129) }, field: 'clientEnvID' },
      {
        payload: { eventType: 'login-error', credentialID: 'c'.repeat(129) },
        field: 'credentialID',
      },
      { payload: { eventType: 'login-error', challenge: 'c'.repeat(257) }, field: 'challenge' },
      { payload: { eventType: 'login-error', processID: 'a\u0000b' }, field: 'processID' },
      { payload: { eventType: 'login-error', challenge: 'a\nb' }, field: 'challenge' },
      { payload: { eventType: 'login-error', credentialID: { id: 1 } }, field: 'credentialID' },
    ];
    for (const { payload, field } of cases) {
      assertError(await api().passkeyEvent(userID, payload), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: JSON.stringify(payload).slice(0, 80),
      });
    }
    assert.equal(await count('passkey_events'), before, 'a rejected event writes nothing');
  });

  test('passkey events for unknown users, malformed IDs and other projects are refused', async () => {
    const other = await server.createProject('Other passkey events project');
    const b = as(other.authorization);
    const otherUser = await b.createUser();
    const otherEvent = assertOk<WirePasskeyEvent>(
      await b.passkeyEvent(otherUser, { eventType: 'append-error' }),
      'passkeyEvent',
    );
    const mine = await api().createUser();
    const before = await count('passkey_events');

    for (const userID of ['usr-4693224802260150919', otherUser]) {
      assertError(await api().passkeyEvent(userID, { eventType: 'login-error' }), {
        status: 404,
        code: 'USER_NOT_FOUND',
      });
      assertError(await api().listPasskeyEvents(userID), { status: 404, code: 'USER_NOT_FOUND' });
      assertError(await api().deletePasskeyEvent(userID, otherEvent.passkeyEventID), {
        status: 404,
        code: 'USER_NOT_FOUND',
      });
    }
    // Another project's event ID under one of our users is simply not found.
    assertError(await api().deletePasskeyEvent(mine, otherEvent.passkeyEventID), {
      status: 404,
      code: 'PASSKEY_EVENT_NOT_FOUND',
    });
    for (const id of ['abc', 'usr-', `usr-${'1'.repeat(21)}`]) {
      assertError(await api().passkeyEvent(id, { eventType: 'login-error' }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'userID',
        label: id,
      });
      assertError(await api().listPasskeyEvents(id), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'userID',
        label: id,
      });
      assertError(await api().deletePasskeyEvent(id, otherEvent.passkeyEventID), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'userID',
        label: id,
      });
    }
    for (const id of ['abc', 'pev-', 'aev-4693224802260150919', `pev-${'1'.repeat(21)}`]) {
      assertError(await api().deletePasskeyEvent(mine, id), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'passkeyEventID',
        label: id,
      });
    }
    assert.equal(await count('passkey_events'), before, 'nothing written or deleted');
    const bList = assertOk<WirePasskeyEventList>(
      await b.listPasskeyEvents(otherUser),
      'passkeyEventList',
    );
    assert.deepEqual(
      bList.passkeyEvents.map((e) => e.passkeyEventID),
      [otherEvent.passkeyEventID],
    );
  });

  test('passkey events list: sort by created or eventType, filter eventType, paging', async () => {
    const userID = await api().createUser();
    const otherUser = await api().createUser();
    assertOk(await api().passkeyEvent(otherUser, { eventType: 'login-error' }), 'passkeyEvent');
    const made: WirePasskeyEvent[] = [];
    for (const eventType of [
      'login-error',
      'append-error',
      'login-error',
      'login-no-credentials',
    ]) {
      server.clock.advance(1000);
      made.push(
        assertOk<WirePasskeyEvent>(await api().passkeyEvent(userID, { eventType }), 'passkeyEvent'),
      );
    }
    const list = async (query = '') =>
      assertOk<WirePasskeyEventList>(
        await api().listPasskeyEvents(userID, query),
        'passkeyEventList',
      );
    const ids = async (query = '') =>
      (await list(query)).passkeyEvents.map((e) => e.passkeyEventID);

    assert.deepEqual(await ids(), made.map((e) => e.passkeyEventID).reverse());
    assert.deepEqual(
      await ids('?sort=created:asc'),
      made.map((e) => e.passkeyEventID),
    );
    assert.deepEqual(await ids('?sort=created:desc'), made.map((e) => e.passkeyEventID).reverse());
    const types = (await list('?sort=eventType:asc')).passkeyEvents.map((e) => e.eventType);
    assert.deepEqual(types, ['append-error', 'login-error', 'login-error', 'login-no-credentials']);
    const filtered = await list(
      `?${new URLSearchParams({ 'filter[]': 'eventType:eq:login-error' })}`,
    );
    assert.deepEqual(
      filtered.passkeyEvents.map((e) => e.passkeyEventID),
      [made[2]?.passkeyEventID, made[0]?.passkeyEventID],
    );
    assert.equal(filtered.paging.totalItems, 2);
    const page2 = await list('?sort=created:asc&pageSize=3&page=2');
    assert.deepEqual(page2.paging, { page: 2, totalPages: 2, totalItems: 4 });
    assert.deepEqual(
      page2.passkeyEvents.map((e) => e.passkeyEventID),
      [made[3]?.passkeyEventID],
    );

    for (const query of [
      'sort=expires:asc',
      'sort=eventType:sideways',
      'sort=passkeyEventID',
      'filter[]=eventType:eq:login-success',
      'filter[]=eventType:gt:login-error',
      'filter[]=created:gt:2026-01-01',
      'filter[]=userID:eq:1',
      'filter[]=eventType',
      'page=-1',
    ]) {
      const field = query.startsWith('sort')
        ? 'sort'
        : query.startsWith('page')
          ? 'page'
          : 'filter[]';
      assertError(await api().listPasskeyEvents(userID, `?${query}`), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: query,
      });
    }
  });

  test('expired passkey events no longer count: not listed, not deletable, and the janitor drops them', async () => {
    const userID = await api().createUser();
    const nowSeconds = Math.floor(server.clock.now() / 1000);
    const soon = assertOk<WirePasskeyEvent>(
      await api().passkeyEvent(userID, {
        eventType: 'user-login-blacklisted',
        expires: nowSeconds + 60,
      }),
      'passkeyEvent',
    );
    const later = assertOk<WirePasskeyEvent>(
      await api().passkeyEvent(userID, {
        eventType: 'user-login-blacklisted',
        expires: nowSeconds + 3600,
      }),
      'passkeyEvent',
    );
    const forever = assertOk<WirePasskeyEvent>(
      await api().passkeyEvent(userID, { eventType: 'login-error' }),
      'passkeyEvent',
    );
    const listed = async () =>
      assertOk<WirePasskeyEventList>(await api().listPasskeyEvents(userID), 'passkeyEventList')
        .passkeyEvents.map((e) => e.passkeyEventID)
        .sort();
    assert.deepEqual(await listed(), [soon, later, forever].map((e) => e.passkeyEventID).sort());

    server.clock.advance(60_000);
    assert.deepEqual(await listed(), [later, forever].map((e) => e.passkeyEventID).sort());
    assertError(await api().deletePasskeyEvent(userID, soon.passkeyEventID), {
      status: 404,
      code: 'PASSKEY_EVENT_NOT_FOUND',
    });

    const janitor = createJanitor({
      db: db(),
      clock: server.clock,
      intervalMs: 60_000,
      tables: [{ table: 'passkey_events', keyColumn: 'id', expiresColumn: 'expires_at' }],
    });
    server.clock.advance(1);
    const deleted = await janitor.runOnce();
    assert.ok((deleted.passkey_events ?? 0) >= 1);
    const left = await db()
      .selectFrom('passkey_events')
      .select('id')
      .where('user_id', '=', userID)
      .execute();
    assert.deepEqual(
      left.map((r) => r.id).sort(),
      [later, forever].map((e) => e.passkeyEventID).sort(),
    );
  });

  test('deleting a passkey event: only under its own user, then 404', async () => {
    const userID = await api().createUser();
    const sibling = await api().createUser();
    const event = assertOk<WirePasskeyEvent>(
      await api().passkeyEvent(userID, { eventType: 'append-explicit-abort' }),
      'passkeyEvent',
    );
    assertError(await api().deletePasskeyEvent(sibling, event.passkeyEventID), {
      status: 404,
      code: 'PASSKEY_EVENT_NOT_FOUND',
    });
    assertError(await api().deletePasskeyEvent(userID, 'pev-4693224802260150919'), {
      status: 404,
      code: 'PASSKEY_EVENT_NOT_FOUND',
    });
    assertOk(
      await api().deletePasskeyEvent(userID.slice(4), event.passkeyEventID.slice(4)),
      'genericRsp',
    );
    assertError(await api().deletePasskeyEvent(userID, event.passkeyEventID), {
      status: 404,
      code: 'PASSKEY_EVENT_NOT_FOUND',
    });
    const list = assertOk<WirePasskeyEventList>(
      await api().listPasskeyEvents(userID),
      'passkeyEventList',
    );
    assert.deepEqual(list.passkeyEvents, []);
  });

  test('deleting a user deletes its auth and passkey events', async () => {
    const userID = await api().createUser();
    assertOk(await api().authEvent(userID, authEventBody), 'authEvent');
    assertOk(await api().passkeyEvent(userID, { eventType: 'login-error' }), 'passkeyEvent');
    assertOk(await api().deleteUser(userID), 'genericRsp');
    for (const table of ['auth_events', 'passkey_events'] as const) {
      const rows = await db()
        .selectFrom(table)
        .select('id')
        .where('user_id', '=', userID)
        .execute();
      assert.deepEqual(rows, [], table);
    }
  });
});
