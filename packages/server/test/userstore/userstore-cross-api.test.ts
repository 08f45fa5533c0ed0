import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachDatabase } from '../support/databases.js';
import { createUser, login, post } from '../support/passkey-client.js';
import { startSession } from '../support/session-client.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';
import { startUserstore, type UserstoreHarness } from '../support/userstore-client.js';

interface WireIdentifier {
  identifierID: string;
  type: string;
  value: string;
  status: string;
}

describeEachDatabase(
  'User store API and the Backend and Frontend APIs: one set of users',
  (kind) => {
    let server: TestServer;
    let store: UserstoreHarness;
    before(async () => {
      server = await createTestServer(kind);
      store = await startUserstore(server);
    });
    after(async () => {
      await store.close();
      await server.close();
    });

    const backend = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      server.app.inject({
        method,
        url,
        headers: { authorization: server.authorization },
        ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
      });
    const identifiersOf = async (userID: string) =>
      json<{ identifiers: WireIdentifier[] }>(
        await backend('GET', `/v2/identifiers?filter[]=userID:eq:${userID}`),
      ).identifiers;
    const frontend = (method: 'GET' | 'POST', url: string, token: string) =>
      server.app.inject({
        method,
        url,
        headers: { 'x-corbado-projectid': server.project.id, authorization: `Bearer ${token}` },
      });

    test('a user created here is a Backend API user with its email identifier', async () => {
      const created = await store.call('POST', '/users/', {
        body: { email: 'grace@example.com', password: 'correct-horse', confirmed: true },
      });
      assert.equal(created.status, 201, created.body);
      const userID = String(created.headers['x-object-id']);
      const user = json<{ userID: string; status: string }>(
        await backend('GET', `/v2/users/${userID}`),
      );
      assert.equal(user.status, 'active');
      const identifiers = await identifiersOf(userID);
      assert.deepEqual(
        identifiers.map((i) => [i.type, i.value, i.status]),
        [['email', 'grace@example.com', 'verified']],
      );
      // Disabled here is disabled there.
      assert.equal((await store.call('PUT', `/users/${userID}/disable`)).status, 204);
      assert.equal(
        json<{ status: string }>(await backend('GET', `/v2/users/${userID}`)).status,
        'disabled',
      );
    });

    test('a Backend API user with an email identifier is a User store user', async () => {
      const userID = await createUser(server);
      const added = await post(server, `/v2/users/${userID}/identifiers`, {
        identifierType: 'email',
        identifierValue: 'Hopper@Example.com',
        status: 'primary',
      });
      assert.equal(added.statusCode, 200, added.body);
      assert.deepEqual((await store.call('GET', `/users/${userID}`)).json(), {
        email: 'hopper@example.com',
        confirmed: true,
        enabled: true,
        data: null,
      });
      // A status changed there shows here.
      assert.equal(
        (await backend('PATCH', `/v2/users/${userID}`, { status: 'disabled' })).statusCode,
        200,
      );
      assert.equal(
        (await store.call('GET', `/users/${userID}`)).json<{ enabled: boolean }>().enabled,
        false,
      );
      // A user without any email identifier has email null.
      const bare = await createUser(server, 'No Email');
      assert.deepEqual((await store.call('GET', `/users/${bare}`)).json(), {
        email: null,
        confirmed: false,
        enabled: true,
        data: null,
      });
      // Setting an email here adds the identifier there.
      assert.equal(
        (await store.call('PUT', `/users/${bare}/email`, { body: { email: 'bare@example.com' } }))
          .status,
        204,
      );
      assert.deepEqual(
        (await identifiersOf(bare)).map((i) => [i.value, i.status]),
        [['bare@example.com', 'pending']],
      );
    });

    test('email uniqueness is shared with the Backend API identifiers (409 both ways)', async () => {
      const userID = await createUser(server);
      assert.equal(
        (
          await post(server, `/v2/users/${userID}/identifiers`, {
            identifierType: 'email',
            identifierValue: 'taken@example.com',
            status: 'verified',
          })
        ).statusCode,
        200,
      );
      const here = await store.call('POST', '/users/', {
        body: { email: 'TAKEN@example.com', password: 'correct-horse' },
      });
      assert.equal(here.status, 409, here.body);
      const created = await store.call('POST', '/users/', {
        body: { email: 'mine@example.com', password: 'correct-horse' },
      });
      assert.equal(created.status, 201);
      const there = await post(server, `/v2/users/${userID}/identifiers`, {
        identifierType: 'email',
        identifierValue: 'mine@example.com',
        status: 'verified',
      });
      assert.equal(there.statusCode, 409, there.body);
      const moved = await store.call('PUT', `/users/${created.headers['x-object-id']}/email`, {
        body: { email: 'taken@example.com' },
      });
      assert.equal(moved.status, 409, moved.body);
    });

    test('disabling here ends every session: /v2/me, refresh and passkey login fail; enabling lets a new login in', async () => {
      const session = await startSession(server);
      assert.equal((await frontend('GET', '/v2/me', session.sessionToken)).statusCode, 200);
      assert.equal((await store.call('PUT', `/users/${session.userID}/disable`)).status, 204);

      assert.equal((await frontend('GET', '/v2/me', session.sessionToken)).statusCode, 401);
      assert.equal(
        (await frontend('POST', '/v2/me/refresh', session.refreshToken)).statusCode,
        401,
      );
      const sessions = json<{ sessions: { status: string }[] }>(
        await backend('GET', `/v2/sessions?filter[]=userID:eq:${session.userID}`),
      ).sessions;
      assert.ok(
        sessions.length > 0 && sessions.every((s) => s.status !== 'active'),
        JSON.stringify(sessions),
      );

      // Every login path is closed: the passkey login itself is refused (and a session
      // could not be made for the user either).
      const finish = await login(
        server,
        session.authenticator,
        session.userID,
        {},
        {
          signPasskeyData: true,
        },
      );
      assert.equal(finish.statusCode, 403, finish.body);
      assert.equal(json<{ error: { code: string } }>(finish).error.code, 'USER_NOT_ACTIVE');

      assert.equal((await store.call('PUT', `/users/${session.userID}/enable`)).status, 204);
      const again = await startSession(server, session);
      assert.equal((await frontend('GET', '/v2/me', again.sessionToken)).statusCode, 200);
      // The sessions ended by the disable stay ended.
      assert.equal(
        (await frontend('POST', '/v2/me/refresh', session.refreshToken)).statusCode,
        401,
      );
    });
  },
);
