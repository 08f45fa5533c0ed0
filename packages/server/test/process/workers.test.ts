import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { basicAuthHeader, parseStartBanner, runCli, startLatchkey } from '../support/cli.js';
import { createTestDatabaseLocation, describeEachDatabase } from '../support/databases.js';

describeEachDatabase('start --workers', (kind) => {
  test('two workers share the port, print one banner and stop together on SIGTERM', async (t) => {
    const database = await createTestDatabaseLocation(kind);
    t.after(() => database.cleanup());
    const server = await startLatchkey(['--workers', '2'], {
      env: { ...database.env, LATCHKEY_LOG_LEVEL: 'warn' },
    });
    t.after(() => server.stop('SIGKILL'));
    const [, firstPid, secondPid] = await server.waitForOutput(
      /2 worker processes share the port \(pids (\d+), (\d+)\)/,
    );
    const workerPids = [Number(firstPid), Number(secondPid)];
    const banner = parseStartBanner(server.stdout());
    assert.equal(server.stdout().match(/Latchkey listening on/g)?.length, 1, server.stdout());
    assert.match(banner.apiSecret ?? '', /^corbado1_/, 'the first start shows the API secret once');

    // Fresh connections are spread over the workers by the primary; every request succeeds
    // and all of them see one database.
    const authorization = basicAuthHeader(banner.projectId, banner.apiSecret as string);
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${server.baseUrl}/v2/users`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ fullName: `Worker ${i}`, status: 'active' }),
        }).then((response) => response.status),
      ),
    );
    assert.deepEqual(created, Array(20).fill(200));
    const list = await fetch(`${server.baseUrl}/v2/users?pageSize=100`, {
      headers: { authorization },
    });
    assert.equal(((await list.json()) as { users: unknown[] }).users.length, 20);

    for (const pid of workerPids) assert.doesNotThrow(() => process.kill(pid, 0), `worker ${pid}`);

    const result = await server.stop('SIGTERM', 20_000);
    assert.equal(result.code, 0, result.stderr);
    for (const pid of workerPids) {
      assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, `worker ${pid} still runs`);
    }
  });
});

describe('start --workers (bad values)', () => {
  test('--workers 0 and 65 are refused naming the setting', async () => {
    for (const value of ['0', '65']) {
      const result = await runCli(['start', '--port', '0', '--workers', value]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /LATCHKEY_WORKERS \(--workers\)/);
    }
  });
});
