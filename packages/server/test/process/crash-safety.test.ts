import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { basicAuthHeader, parseStartBanner, startLatchkey } from '../support/cli.js';
import { createTestDatabaseLocation, describeEachDatabase } from '../support/databases.js';
import { startUserStream } from '../support/user-stream.js';

interface UserPage {
  users: { userID: string }[];
  paging: { page: number; totalPages: number; totalItems: number };
}

describeEachDatabase('crash safety', (kind) => {
  test('SIGKILL in the middle of a stream of creates loses no confirmed user and corrupts nothing', async (t) => {
    const database = await createTestDatabaseLocation(kind);
    t.after(() => database.cleanup());
    const env = { ...database.env, LATCHKEY_LOG_LEVEL: 'warn' };

    const first = await startLatchkey([], { env });
    t.after(() => first.stop('SIGKILL'));
    const banner = parseStartBanner(first.stdout());
    const credentials = { projectId: banner.projectId, apiSecret: banner.apiSecret! };
    const stream = startUserStream({ baseUrl: first.baseUrl, ...credentials, concurrency: 4 });
    await stream.waitForConfirmed(60);
    // Kill while requests are in flight: no graceful shutdown, no chance to flush anything.
    const killed = await first.stop('SIGKILL');
    assert.equal(killed.signal, 'SIGKILL');
    await stream.stop();
    const confirmed = [...stream.confirmed];
    assert.ok(confirmed.length >= 60);
    assert.ok(stream.failed > 0, 'some requests were cut off by the kill');

    const second = await startLatchkey([], { env });
    t.after(() => second.stop('SIGKILL'));
    assert.equal(parseStartBanner(second.stdout()).projectId, credentials.projectId);
    assert.doesNotMatch(second.stdout(), /corbado1_/, 'the restart reuses the project');
    const authorization = basicAuthHeader(credentials.projectId, credentials.apiSecret);
    const get = (url: string) => fetch(`${second.baseUrl}${url}`, { headers: { authorization } });

    // Every user whose create answered 200 is there.
    const statuses = await Promise.all(
      confirmed.map(async (id) => {
        const response = await get(`/v2/users/${id}`);
        await response.body?.cancel();
        return [id, response.status] as const;
      }),
    );
    for (const [id, status] of statuses) assert.equal(status, 200, `user ${id} survived`);

    // The list works and its totals agree with what is stored.
    const listed = new Set<string>();
    let totalItems = -1;
    for (let page = 1; ; page++) {
      const response = await get(`/v2/users?pageSize=100&page=${page}&sort=created:asc`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as UserPage;
      totalItems = body.paging.totalItems;
      for (const user of body.users) listed.add(user.userID);
      if (page >= body.paging.totalPages) break;
    }
    assert.equal(listed.size, totalItems, 'the pages hold exactly totalItems distinct users');
    for (const id of confirmed) assert.ok(listed.has(id), `user ${id} is listed`);
    // Unconfirmed creates may or may not have committed, but no more than were sent.
    assert.ok(totalItems <= stream.attempted);

    // The restarted server still takes writes.
    const created = await fetch(`${second.baseUrl}/v2/users`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ fullName: 'After the crash', status: 'active' }),
    });
    assert.equal(created.status, 200);
    const stopped = await second.stop();
    assert.equal(stopped.code, 0);

    // The storage itself is sound, and holds exactly what the API reported.
    if (kind === 'sqlite') {
      const sqlite = new SQLite(path.join(database.dataDir, 'latchkey.db'), { readonly: true });
      try {
        assert.equal(sqlite.pragma('integrity_check', { simple: true }), 'ok');
        assert.deepEqual(sqlite.pragma('foreign_key_check'), []);
        const row = sqlite.prepare('select count(*) as n from users').get() as { n: number };
        assert.equal(row.n, totalItems + 1);
      } finally {
        sqlite.close();
      }
    } else {
      const client = new pg.Client({ connectionString: database.databaseUrl });
      await client.connect();
      try {
        const result = await client.query<{ n: string }>(
          'select count(*) as n from users where project_id = $1',
          [credentials.projectId],
        );
        assert.equal(Number(result.rows[0]?.n), totalItems + 1);
        // Indexes agree with the table (a corrupt index would answer differently).
        const byIndex = await client.query<{ n: string }>(
          'select count(distinct id) as n from users where project_id = $1',
          [credentials.projectId],
        );
        assert.equal(Number(byIndex.rows[0]?.n), totalItems + 1);
      } finally {
        await client.end();
      }
    }
  });

  test('SIGTERM under load answers what it accepted and exits 0 promptly', async (t) => {
    const database = await createTestDatabaseLocation(kind);
    t.after(() => database.cleanup());
    const env = { ...database.env, LATCHKEY_LOG_LEVEL: 'info' };
    const server = await startLatchkey([], { env });
    t.after(() => server.stop('SIGKILL'));
    const banner = parseStartBanner(server.stdout());
    const credentials = { projectId: banner.projectId, apiSecret: banner.apiSecret! };
    const stream = startUserStream({ baseUrl: server.baseUrl, ...credentials, concurrency: 4 });
    await stream.waitForConfirmed(20);
    const signalled = Date.now();
    const stopped = await server.stop('SIGTERM', 10_000);
    const shutdownMs = Date.now() - signalled;
    await stream.stop();
    assert.equal(stopped.code, 0, `exit code 0; stderr: ${stopped.stderr}`);
    assert.ok(shutdownMs < 5_000, `stopped in ${shutdownMs} ms`);
    assert.match(stopped.stderr, /shutting down/);
    // While draining, a request is answered in full or refused as 503, never half-done.
    for (const status of stream.otherStatuses) assert.equal(status, 503);

    const restarted = await startLatchkey([], { env });
    t.after(() => restarted.stop('SIGKILL'));
    const authorization = basicAuthHeader(credentials.projectId, credentials.apiSecret);
    for (const id of stream.confirmed) {
      const response = await fetch(`${restarted.baseUrl}/v2/users/${id}`, {
        headers: { authorization },
      });
      await response.body?.cancel();
      assert.equal(response.status, 200, `user ${id} is there`);
    }
    assert.equal((await restarted.stop()).code, 0);
  });
});
