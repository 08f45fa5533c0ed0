import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, json, type TestServer } from '../support/test-server.js';

describeEachDatabase('Backend API users', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  test('creates, reads, updates and deletes a user', async () => {
    const headers = { authorization: server.authorization };
    const created = await server.app.inject({
      method: 'POST',
      url: '/v2/users',
      headers,
      payload: { fullName: 'Jane Doe', status: 'active' },
    });
    assert.equal(created.statusCode, 200);
    const user = json<{ userID: string; fullName: string; status: string }>(created);
    assert.match(user.userID, /^usr-\d{19}$/);
    assert.equal(user.fullName, 'Jane Doe');

    const read = await server.app.inject({
      method: 'GET',
      url: `/v2/users/${user.userID}`,
      headers,
    });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(json(read), json(created));

    server.clock.advance(1000);
    const updated = await server.app.inject({
      method: 'PATCH',
      url: `/v2/users/${user.userID}`,
      headers,
      payload: { status: 'disabled' },
    });
    assert.equal(updated.statusCode, 200);
    assert.equal(json(updated).status, 'disabled');
    assert.equal(json(updated).updatedMs, Date.UTC(2026, 0, 1) + 1000);

    const deleted = await server.app.inject({
      method: 'DELETE',
      url: `/v2/users/${user.userID}`,
      headers,
    });
    assert.equal(deleted.statusCode, 200);
    assert.equal(json(deleted).httpStatusCode, 200);

    const gone = await server.app.inject({
      method: 'GET',
      url: `/v2/users/${user.userID}`,
      headers,
    });
    assert.equal(gone.statusCode, 404);
    assert.equal(json<{ error: { code: string } }>(gone).error.code, 'USER_NOT_FOUND');
  });
});
