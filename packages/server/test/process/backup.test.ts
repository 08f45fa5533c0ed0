import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { parseStartBanner, runCli, type StartedServer, startLatchkey } from '../support/cli.js';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/databases.js';
import { startUserStream } from '../support/user-stream.js';

// Backups are a SQLite feature by nature: PostgreSQL has pg_dump.
describe('latchkey backup [sqlite]', () => {
  let database: TestDatabaseLocation;
  let server: StartedServer | undefined;
  before(async () => {
    database = await createTestDatabaseLocation('sqlite');
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await database.cleanup();
  });

  test('copies a consistent database while the server runs and is written to', async () => {
    server = await startLatchkey([], { env: { ...database.env, LATCHKEY_LOG_LEVEL: 'warn' } });
    const banner = parseStartBanner(server.stdout());
    const stream = startUserStream({
      baseUrl: server.baseUrl,
      projectId: banner.projectId,
      apiSecret: banner.apiSecret!,
      concurrency: 3,
    });
    await stream.waitForConfirmed(20);
    const before = [...stream.confirmed];

    // Into a directory that does not exist yet.
    const out = path.join(database.dataDir, 'backups', 'copy.db');
    const backup = await runCli(['backup', '--out', out, '--json'], { env: database.env });
    const confirmedMeanwhile = stream.confirmed.length - before.length;
    await stream.stop();
    assert.equal(backup.code, 0, `backup exit 0; stderr: ${backup.stderr}`);
    assert.ok(confirmedMeanwhile > 0, 'writes went on while the backup ran');
    const report = JSON.parse(backup.stdout) as { out: string; pages: number };
    assert.equal(report.out, out);
    assert.ok(report.pages > 0);

    const copy = new SQLite(out, { readonly: true, fileMustExist: true });
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(copy.pragma('foreign_key_check'), []);
      const ids = new Set(
        (copy.prepare('select id from users').all() as { id: string }[]).map((r) => r.id),
      );
      for (const id of before) assert.ok(ids.has(id), `user ${id} created before the backup`);
      const project = copy.prepare('select id from projects where id = ?').get(banner.projectId);
      assert.ok(project, 'the default project is in the copy');
    } finally {
      copy.close();
    }
    // The copy is self-contained: no WAL or shared-memory file beside it holds its data.
    assert.equal(existsSync(`${out}-wal`) && readFileSync(`${out}-wal`).length > 0, false);
  });

  test('refuses to overwrite an existing file', async () => {
    const out = path.join(database.dataDir, 'existing.db');
    writeFileSync(out, 'keep me');
    const result = await runCli(['backup', '--out', out], { env: database.env });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /already exists/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
  });

  test('with no database there is nothing to back up, and it says where it looked', async (t) => {
    const empty = await createTestDatabaseLocation('sqlite');
    t.after(() => empty.cleanup());
    const result = await runCli(['backup', '--out', path.join(empty.dataDir, 'x.db')], {
      env: empty.env,
    });
    assert.notEqual(result.code, 0);
    assert.ok(result.stderr.includes(empty.dataDir), result.stderr);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });

  test('on PostgreSQL it explains to use pg_dump', async () => {
    const result = await runCli(['backup', '--out', path.join(database.dataDir, 'pg.db')], {
      env: { LATCHKEY_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' },
    });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /pg_dump/);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });
});
