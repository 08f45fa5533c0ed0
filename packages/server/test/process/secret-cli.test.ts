import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  basicAuthHeader,
  runCli,
  runCliJson,
  type StartedServer,
  startLatchkey,
} from '../support/cli.js';
import {
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';

interface SecretListEntry {
  id: string;
  secret: string;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

describeEachDatabase('latchkey secret', (kind) => {
  let database: TestDatabaseLocation;
  let server: StartedServer | undefined;
  before(async () => {
    database = await createTestDatabaseLocation(kind);
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await database.cleanup();
  });

  test('create, list masked, revoke: a revoked secret stops working, others keep working', async () => {
    const env = database.env;
    const project = await runCliJson<{ projectID: string; apiSecret: string }>(
      ['project', 'create', '--name', 'Secrets', '--origin', 'https://app.example.com', '--json'],
      { env },
    );
    const [first, second] = await Promise.all([
      runCliJson<{ apiSecret: string; id: string }>(
        ['secret', 'create', '--project', project.projectID, '--json'],
        { env },
      ),
      runCliJson<{ apiSecret: string; id: string }>(
        ['secret', 'create', '--project', project.projectID, '--json'],
        { env },
      ),
    ]);
    for (const created of [first, second]) {
      assert.match(created.apiSecret, /^corbado1_[0-9A-Za-z]{40,}$/);
      assert.match(created.id, /^sec-[0-9]+$/);
    }
    assert.notEqual(first.apiSecret, second.apiSecret);

    server = await startLatchkey([], { env: { ...env, LATCHKEY_LOG_LEVEL: 'warn' } });
    const users = (secret: string) =>
      fetch(`${server!.baseUrl}/v2/users`, {
        headers: { authorization: basicAuthHeader(project.projectID, secret) },
      });
    // Using a secret records its last use.
    assert.equal((await users(first.apiSecret)).status, 200);

    const listResult = await runCli(['secret', 'list', '--project', project.projectID, '--json'], {
      env,
    });
    assert.equal(listResult.code, 0, listResult.stderr);
    for (const secret of [project.apiSecret, first.apiSecret, second.apiSecret]) {
      assert.equal(listResult.stdout.includes(secret), false, 'a full secret appears in the list');
      assert.equal(
        listResult.stdout.includes(secret.slice(9, 30)),
        false,
        'the random part of a secret appears in the list',
      );
    }
    const list = JSON.parse(listResult.stdout) as SecretListEntry[];
    assert.equal(list.length, 3);
    for (const entry of list) {
      assert.match(entry.id, /^sec-[0-9]+$/);
      assert.match(entry.secret, /^corbado1_\*+[0-9A-Za-z]{1,4}$/, 'masked');
      assert.ok(!Number.isNaN(Date.parse(entry.created)), `created is a time: ${entry.created}`);
      assert.ok('lastUsed' in entry);
      assert.equal(entry.revoked, null);
    }
    const firstEntry = list.find((e) => e.id === first.id);
    assert.ok(firstEntry);
    assert.ok(firstEntry.secret.endsWith(first.apiSecret.slice(-4)));
    assert.ok(firstEntry.lastUsed && !Number.isNaN(Date.parse(firstEntry.lastUsed)));
    assert.equal(list.find((e) => e.id === second.id)?.lastUsed, null);

    // The human-readable list is masked as well.
    const table = await runCli(['secret', 'list', '--project', project.projectID], { env });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(first.id));
    assert.equal(table.stdout.includes(first.apiSecret), false);

    const revoked = await runCli(['secret', 'revoke', first.id], { env });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal((await users(first.apiSecret)).status, 401, 'the revoked secret is refused');
    assert.equal((await users(second.apiSecret)).status, 200, 'another secret still works');
    assert.equal((await users(project.apiSecret)).status, 200, 'the first secret still works');

    const again = await runCli(['secret', 'revoke', first.id], { env });
    assert.notEqual(again.code, 0, 'revoking twice is an error');
    assert.match(again.stderr, /already revoked/);
    const unknown = await runCli(['secret', 'revoke', 'sec-1234567890123456789'], { env });
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /sec-1234567890123456789/);
    assert.doesNotMatch(unknown.stderr, /^\s+at /m);

    const after = await runCliJson<SecretListEntry[]>(
      ['secret', 'list', '--project', project.projectID, '--json'],
      { env },
    );
    assert.ok(after.find((e) => e.id === first.id)?.revoked, 'the list shows the revocation');

    const stopped = await server.stop();
    assert.equal(stopped.code, 0);
    server = undefined;
  });
});
