import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { newId } from '../../src/core/ids.js';
import { cryptoRandom } from '../../src/core/random.js';
import {
  insertPasskeyChallenge,
  type PasskeyChallengeRecord,
} from '../../src/store/passkey-challenge.store.js';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  appendFinish,
  appendStart,
  createUser as createUserViaApi,
  login,
  optionsOf,
  post,
  register,
  testOrigin,
} from '../support/passkey-client.js';
import { createTestServer, queryString, type TestServer } from '../support/test-server.js';
import { createSoftwareAuthenticator } from '../support/webauthn/software-authenticator.js';

interface WirePasskeyChallenge {
  challengeID: string;
  type: string;
  value: string;
  status: string;
  created: number;
  createdMs: number;
  expires: number;
}

interface WirePasskeyChallengeList {
  passkeyChallenges: WirePasskeyChallenge[];
  paging: { page: number; totalPages: number; totalItems: number };
}

const minute = 60_000;
const hour = 60 * minute;
const start = Date.UTC(2026, 0, 1);
/** Five minutes of client timeout plus a minute of slack, as the ceremonies issue them. */
const lifetime = 6 * minute;

describeEachDatabase('Backend API passkey challenges', (kind) => {
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
    createUser: () => createUserViaApi({ app: server.app, authorization }, 'Grace Hopper'),
    list: (userID: string, query: Record<string, string | string[]> = {}) => {
      const search = queryString(query);
      return server.app.inject({
        method: 'GET',
        url: `/v2/users/${userID}/passkeyChallenges${search}`,
        headers: { authorization },
      });
    },
    update: (userID: string, challengeID: string, payload: unknown) =>
      server.app.inject({
        method: 'PATCH',
        url: `/v2/users/${userID}/passkeyChallenges/${challengeID}`,
        headers: { authorization, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      }),
  });
  const own = () => as(server.authorization);

  /** Stores a challenge as a ceremony start would, issued `offsetMs` after the clock's start. */
  async function addChallenge(
    projectId: string,
    userId: string | null,
    offsetMs: number,
    overrides: Partial<PasskeyChallengeRecord> = {},
  ): Promise<PasskeyChallengeRecord> {
    const challenge: PasskeyChallengeRecord = {
      id: newId('passkeyChallenge', cryptoRandom),
      projectId,
      userId,
      type: 'authenticate',
      ceremony: 'login',
      value: randomBytes(32).toString('base64url'),
      status: 'pending',
      processId: 'pro-process-7f3a',
      username: null,
      clientEnvId: null,
      credentialId: null,
      createdAt: start + offsetMs,
      updatedAt: start + offsetMs,
      expiresAt: start + offsetMs + lifetime,
      ...overrides,
    };
    await insertPasskeyChallenge(server.deps.db, challenge);
    return challenge;
  }

  /** A user with an append challenge (pending), a finished login and a verified one. */
  async function userWithChallenges() {
    const userID = await own().createUser();
    const append = await addChallenge(server.project.id, userID, hour, {
      type: 'register',
      ceremony: 'append',
      username: 'grace@example.com',
    });
    const completed = await addChallenge(server.project.id, userID, 2 * hour + 123, {
      status: 'completed',
      credentialId: 'cre-4693224802260150919',
      updatedAt: start + 2 * hour + 5000,
    });
    const consumed = await addChallenge(server.project.id, userID, 3 * hour, {
      status: 'consumed',
      updatedAt: start + 3 * hour + 9000,
    });
    return { userID, append, completed, consumed };
  }

  const idsOf = (list: WirePasskeyChallengeList) =>
    list.passkeyChallenges.map((challenge) => challenge.challengeID);

  const rowOf = (id: string) =>
    server.deps.db
      .selectFrom('passkey_challenges')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  test('lists a user’s challenges newest first with the spec’s fields', async () => {
    const { userID, append, completed, consumed } = await userWithChallenges();
    // A conditional-UI challenge has no user until it finishes: it is nobody's yet.
    await addChallenge(server.project.id, null, 4 * hour, { ceremony: 'mediation' });
    const list = assertOk<WirePasskeyChallengeList>(
      await own().list(userID),
      'passkeyChallengeList',
    );
    assert.deepEqual(idsOf(list), [consumed.id, completed.id, append.id]);
    assert.deepEqual(list.paging, { page: 1, totalPages: 1, totalItems: 3 });
    assert.deepEqual(list.passkeyChallenges[2], {
      challengeID: append.id,
      type: 'register',
      value: append.value,
      status: 'pending',
      created: (start + hour) / 1000,
      createdMs: start + hour,
      expires: (start + hour + lifetime) / 1000,
    });
    // Seconds are rounded down, never up past the real time.
    assert.deepEqual(list.passkeyChallenges[1], {
      challengeID: completed.id,
      type: 'authenticate',
      value: completed.value,
      status: 'completed',
      created: (start + 2 * hour) / 1000,
      createdMs: start + 2 * hour + 123,
      expires: (start + 2 * hour + lifetime) / 1000,
    });
    assert.equal(Buffer.from(append.value, 'base64url').length, 32);
  });

  test('pages, sorts and filters by the spec’s fields', async () => {
    const { userID, append, completed, consumed } = await userWithChallenges();
    const otherUser = await own().createUser();
    const first = assertOk<WirePasskeyChallengeList>(
      await own().list(userID, { pageSize: '2' }),
      'passkeyChallengeList',
    );
    assert.deepEqual(idsOf(first), [consumed.id, completed.id]);
    assert.deepEqual(first.paging, { page: 1, totalPages: 2, totalItems: 3 });
    const second = assertOk<WirePasskeyChallengeList>(
      await own().list(userID, { pageSize: '2', page: '2' }),
      'passkeyChallengeList',
    );
    assert.deepEqual(idsOf(second), [append.id]);

    const sorts: Array<[string, string[]]> = [
      ['type:asc', [completed.id, consumed.id, append.id]],
      ['type:desc', [append.id, consumed.id, completed.id]],
      ['status:asc', [completed.id, consumed.id, append.id]],
      ['status:desc', [append.id, consumed.id, completed.id]],
      ['userID:asc', [append.id, completed.id, consumed.id]],
      ['projectID:desc', [consumed.id, completed.id, append.id]],
    ];
    for (const [sort, expected] of sorts) {
      const list = assertOk<WirePasskeyChallengeList>(
        await own().list(userID, { sort }),
        'passkeyChallengeList',
      );
      assert.deepEqual(idsOf(list), expected, sort);
    }

    const filters: Array<[string[], string[]]> = [
      [['status:eq:pending'], [append.id]],
      [['status:eq:consumed'], [consumed.id]],
      [['type:eq:authenticate'], [consumed.id, completed.id]],
      [['type:eq:register', 'status:eq:pending'], [append.id]],
      [['type:eq:register', 'status:eq:completed'], []],
      [[`projectID:eq:${server.project.id}`], [consumed.id, completed.id, append.id]],
      [[`projectID:eq:${other.project.id}`], []],
      [[`userID:eq:${userID.slice('usr-'.length)}`], [consumed.id, completed.id, append.id]],
      [[`userID:eq:${otherUser}`], []],
    ];
    for (const [filter, expected] of filters) {
      const list = assertOk<WirePasskeyChallengeList>(
        await own().list(userID, { 'filter[]': filter }),
        'passkeyChallengeList',
      );
      assert.deepEqual(idsOf(list), expected, filter.join(' & '));
      assert.equal(list.paging.totalItems, expected.length, filter.join(' & '));
    }
  });

  test('lists only the user’s own challenges; other users and projects are 404 or absent', async () => {
    const { userID, append, completed, consumed } = await userWithChallenges();
    const neighbour = await own().createUser();
    const neighbours = await addChallenge(server.project.id, neighbour, hour);
    const foreignUser = await as(other.authorization).createUser();
    await addChallenge(other.project.id, foreignUser, hour);

    assert.deepEqual(
      idsOf(assertOk<WirePasskeyChallengeList>(await own().list(userID), 'passkeyChallengeList')),
      [consumed.id, completed.id, append.id],
    );
    assert.deepEqual(
      idsOf(
        assertOk<WirePasskeyChallengeList>(await own().list(neighbour), 'passkeyChallengeList'),
      ),
      [neighbours.id],
    );
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
    const { userID } = await userWithChallenges();
    const cases: Array<[string, Record<string, string | string[]>, string]> = [
      ['abc', {}, 'userID'],
      [userID, { sort: 'value:asc' }, 'sort'],
      [userID, { sort: 'type:up' }, 'sort'],
      [userID, { 'filter[]': 'value:eq:abc' }, 'filter[]'],
      [userID, { 'filter[]': 'status:eq:expired' }, 'filter[]'],
      [userID, { 'filter[]': 'status:gt:pending' }, 'filter[]'],
      [userID, { 'filter[]': 'type:eq:webauthn.create' }, 'filter[]'],
      [userID, { 'filter[]': 'projectID:eq:usr-1234567890123456789' }, 'filter[]'],
      [userID, { 'filter[]': "userID:eq:1' OR 1=1 --" }, 'filter[]'],
      [userID, { 'filter[]': Array.from({ length: 21 }, () => 'status:eq:pending') }, 'filter[]'],
      [userID, { pageSize: 'ten' }, 'pageSize'],
    ];
    for (const [user, query, field] of cases) {
      assertError(await own().list(user, query), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: `${user} ${JSON.stringify(query).slice(0, 80)}`,
      });
    }
  });

  test('PATCH to consumed retires a pending or completed challenge in place', async () => {
    const { userID, append, completed } = await userWithChallenges();
    server.clock.advance(minute);
    const now = server.clock.now();

    const retired = assertOk<WirePasskeyChallenge>(
      await own().update(userID, append.id, { status: 'consumed' }),
      'passkeyChallenge',
    );
    assert.deepEqual(retired, {
      challengeID: append.id,
      type: 'register',
      value: append.value,
      status: 'consumed',
      created: (start + hour) / 1000,
      createdMs: start + hour,
      expires: (start + hour + lifetime) / 1000,
    });
    const row = await rowOf(append.id);
    assert.equal(row.status, 'consumed');
    assert.equal(Number(row.updated_at), now);
    // Everything else about the row stays.
    assert.equal(row.value, append.value);
    assert.equal(row.username, 'grace@example.com');

    // A completed login challenge, with the prefix left off its ID.
    const second = assertOk<WirePasskeyChallenge>(
      await own().update(userID, completed.id.slice('pch-'.length), { status: 'consumed' }),
      'passkeyChallenge',
    );
    assert.equal(second.status, 'consumed');
    assert.equal((await rowOf(completed.id)).credential_id, 'cre-4693224802260150919');

    const list = assertOk<WirePasskeyChallengeList>(
      await own().list(userID, { 'filter[]': 'status:eq:consumed' }),
      'passkeyChallengeList',
    );
    assert.equal(list.paging.totalItems, 3);
  });

  test('PATCH to consumed on a consumed challenge changes nothing and answers it', async () => {
    const { userID, consumed } = await userWithChallenges();
    server.clock.advance(minute);
    const body = assertOk<WirePasskeyChallenge>(
      await own().update(userID, consumed.id, { status: 'consumed' }),
      'passkeyChallenge',
    );
    assert.equal(body.status, 'consumed');
    assert.equal(body.challengeID, consumed.id);
    assert.equal(Number((await rowOf(consumed.id)).updated_at), consumed.updatedAt);
  });

  test('PATCH refuses pending and completed: only a verified ceremony completes a challenge', async () => {
    const { userID, append, completed, consumed } = await userWithChallenges();
    const cases: Array<[PasskeyChallengeRecord, string]> = [
      [append, 'completed'],
      [append, 'pending'],
      [completed, 'pending'],
      [completed, 'completed'],
      [consumed, 'pending'],
      [consumed, 'completed'],
    ];
    for (const [challenge, status] of cases) {
      const envelope = assertError(await own().update(userID, challenge.id, { status }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'status',
        label: `${challenge.status} → ${status}`,
      });
      assert.equal(envelope.error.validation?.length, 1);
      const row = await rowOf(challenge.id);
      assert.equal(row.status, challenge.status, `${challenge.status} → ${status}`);
      assert.equal(Number(row.updated_at), challenge.updatedAt);
    }
  });

  test('PATCH with a bad body or bad IDs is a 400 naming the field', async () => {
    const { userID, append } = await userWithChallenges();
    const bodies: Array<[unknown, string]> = [
      [{ status: 'expired' }, 'status'],
      [{ status: 'CONSUMED' }, 'status'],
      [{ status: 1 }, 'status'],
      [{ status: null }, 'status'],
      [{}, 'status'],
      [{ state: 'consumed' }, 'status'],
    ];
    for (const [body, field] of bodies) {
      assertError(await own().update(userID, append.id, body), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: JSON.stringify(body),
      });
    }
    const paths: Array<[string, string, string]> = [
      ['abc', append.id, 'userID'],
      [userID, 'abc', 'passkeyChallengeID'],
      [userID, 'cre-1234567890123456789', 'passkeyChallengeID'],
      [userID, append.value, 'passkeyChallengeID'],
      [userID, 'pch-', 'passkeyChallengeID'],
      [userID, '9'.repeat(65), 'passkeyChallengeID'],
    ];
    for (const [user, challenge, field] of paths) {
      assertError(await own().update(user, challenge, { status: 'consumed' }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: `${user}/${challenge}`,
      });
    }
    assert.equal((await rowOf(append.id)).status, 'pending');
  });

  test('PATCH answers 404 for unknown users and for other users’ or projects’ challenges', async () => {
    const { userID, append } = await userWithChallenges();
    const neighbour = await own().createUser();
    const neighbours = await addChallenge(server.project.id, neighbour, hour);
    const mediation = await addChallenge(server.project.id, null, hour, { ceremony: 'mediation' });
    const foreignUser = await as(other.authorization).createUser();
    const foreign = await addChallenge(other.project.id, foreignUser, hour);

    const cases: Array<[string, string, string, string]> = [
      [server.authorization, 'usr-1234567890123456789', append.id, 'USER_NOT_FOUND'],
      [server.authorization, userID, 'pch-1234567890123456789', 'PASSKEY_CHALLENGE_NOT_FOUND'],
      [server.authorization, userID, neighbours.id, 'PASSKEY_CHALLENGE_NOT_FOUND'],
      [server.authorization, userID, mediation.id, 'PASSKEY_CHALLENGE_NOT_FOUND'],
      [server.authorization, userID, foreign.id, 'PASSKEY_CHALLENGE_NOT_FOUND'],
      [server.authorization, foreignUser, foreign.id, 'USER_NOT_FOUND'],
      [other.authorization, userID, append.id, 'USER_NOT_FOUND'],
    ];
    for (const [authorization, user, challenge, code] of cases) {
      assertError(await as(authorization).update(user, challenge, { status: 'consumed' }), {
        status: 404,
        code,
        label: `${user}/${challenge}`,
      });
    }
    for (const challenge of [append, neighbours, mediation, foreign]) {
      assert.equal((await rowOf(challenge.id)).status, 'pending', challenge.id);
    }
  });

  test('a retired append challenge can no longer finish its ceremony', async () => {
    const userID = await createUserViaApi(server);
    const started = await appendStart(server, userID);
    assert.equal(started.statusCode, 200, started.body);
    const options = optionsOf(started, 'attestationOptions');
    const list = assertOk<WirePasskeyChallengeList>(
      await own().list(userID, { 'filter[]': 'status:eq:pending' }),
      'passkeyChallengeList',
    );
    assert.equal(list.passkeyChallenges.length, 1);
    const [issued] = list.passkeyChallenges;
    assert.equal(issued?.type, 'register');
    assert.equal(issued?.value, options.publicKey.challenge);
    assert.ok(Number(issued?.expires) > server.clock.now() / 1000);

    assertOk(
      await own().update(userID, String(issued?.challengeID), { status: 'consumed' }),
      'passkeyChallenge',
    );
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    const credential = authenticator.createCredential(options as never, { origin: testOrigin });
    assertError(await appendFinish(server, userID, credential), {
      status: 400,
      code: 'PASSKEY_CHALLENGE_INVALID',
    });
    const credentials = await server.app.inject({
      method: 'GET',
      url: `/v2/users/${userID}/credentials`,
      headers: { authorization: server.authorization },
    });
    assert.deepEqual(
      assertOk<{ credentials: unknown[] }>(credentials, 'credentialList').credentials,
      [],
    );
  });

  test('retiring a completed login challenge voids the signed passkey data it backs', async () => {
    const userID = await createUserViaApi(server);
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    assertOk(await register(server, authenticator, userID), 'passkeyAppendFinishRsp');
    const finish = assertOk<{ passkeyData: { challengeID: string }; signedPasskeyData: string }>(
      await login(server, authenticator, userID, {}, { signPasskeyData: true }),
      'passkeyLoginFinishRsp',
    );
    const listed = assertOk<WirePasskeyChallengeList>(
      await own().list(userID, { 'filter[]': 'type:eq:authenticate' }),
      'passkeyChallengeList',
    );
    assert.deepEqual(
      listed.passkeyChallenges.map((challenge) => [challenge.challengeID, challenge.status]),
      [[finish.passkeyData.challengeID, 'completed']],
    );
    assertOk(
      await own().update(userID, finish.passkeyData.challengeID, { status: 'consumed' }),
      'passkeyChallenge',
    );
    const verified = await post(server, '/v2/passkey/verifySignedData', {
      signedPasskeyData: finish.signedPasskeyData,
      username: 'ada@example.com',
    });
    assert.equal(
      assertOk<{ verificationResult: string }>(verified, 'passkeyVerifySignedDataRsp')
        .verificationResult,
      'invalid_challenge',
    );
  });
});
