import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../support/cli.js';
import {
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';

const noStackTrace = /^\s+at /m;

test('a Redis that does not answer stops the start, naming LATCHKEY_REDIS_URL', async (t) => {
  const location = await createTestDatabaseLocation('sqlite');
  t.after(() => location.cleanup());
  // A port nothing listens on: bind one, note it, close it.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address() as { port: number };
      probe.close(() => resolve(address.port));
    });
  });
  const result = await runCli(['start', '--port', '0'], {
    env: { ...location.env, LATCHKEY_REDIS_URL: `redis://:hunter2pw@127.0.0.1:${port}` },
    timeoutMs: 30_000,
  });
  assert.equal(result.code, 1, result.stderr);
  assert.doesNotMatch(result.stdout, /listening/);
  assert.match(result.stderr, /cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1/);
  assert.match(result.stderr, /LATCHKEY_REDIS_URL/);
  assert.doesNotMatch(result.stderr, /hunter2pw/, 'the password is not printed');
  assert.match(result.stderr, /ECONNREFUSED/);
  assert.doesNotMatch(result.stderr, noStackTrace);
});

test('invalid configuration stops the start with exit code 2, naming the setting and the fix', async (t) => {
  const location = await createTestDatabaseLocation('sqlite');
  t.after(() => location.cleanup());
  const cases: { env: Record<string, string>; args?: string[]; expect: RegExp[] }[] = [
    { env: { LATCHKEY_PORT: 'abc' }, expect: [/LATCHKEY_PORT/, /"abc"/, /0 to pick a free port/] },
    { env: {}, args: ['--port', '70000'], expect: [/--port/, /1 to 65535/] },
    {
      env: { LATCHKEY_PUBLIC_URL: 'https://x.example.com/path' },
      expect: [/LATCHKEY_PUBLIC_URL/, /no path/, /https:\/\/x\.example\.com\b/],
    },
    {
      env: { LATCHKEY_PUBLIC_URL: 'https://x.example.com/' },
      expect: [/LATCHKEY_PUBLIC_URL/, /trailing slash/],
    },
    {
      env: { LATCHKEY_DATABASE_URL: 'mysql://x' },
      expect: [/LATCHKEY_DATABASE_URL/, /postgres:\/\//, /unset to use SQLite/],
    },
    {
      env: { LATCHKEY_TRUST_PROXY: 'garbage' },
      expect: [/LATCHKEY_TRUST_PROXY/, /"garbage"/, /false, true, a hop count/],
    },
    {
      env: { LATCHKEY_LOG_LEVEL: 'loud' },
      expect: [/LATCHKEY_LOG_LEVEL/, /"loud"/, /info/, /debug/],
    },
    { env: { LATCHKEY_LOG_FORMAT: 'xml' }, expect: [/LATCHKEY_LOG_FORMAT/, /pretty, json/] },
    { env: { LATCHKEY_METRICS_PORT: '-1' }, expect: [/LATCHKEY_METRICS_PORT/] },
    {
      env: { LATCHKEY_REDIS_URL: 'http://127.0.0.1:6379' },
      expect: [/LATCHKEY_REDIS_URL/, /redis:\/\//, /counters in the database/],
    },
  ];
  const results = await Promise.all(
    cases.map((c) =>
      runCli(['start', ...(c.args ?? [])], {
        env: { ...location.env, ...c.env },
        timeoutMs: 30_000,
      }),
    ),
  );
  cases.forEach((c, i) => {
    const result = results[i]!;
    const what = JSON.stringify(c.env) + (c.args ? ` ${c.args.join(' ')}` : '');
    assert.equal(result.code, 2, `${what}: exit code 2; stderr: ${result.stderr}`);
    assert.doesNotMatch(result.stdout, /listening/, `${what}: did not start`);
    for (const pattern of c.expect) {
      assert.match(result.stderr, pattern, `${what}: the message says ${pattern}`);
    }
    assert.doesNotMatch(result.stderr, noStackTrace, `${what}: no stack trace`);
    assert.equal(result.stderr.trim().split('\n').length, 1, `${what}: one line`);
  });
});

test('an unreachable PostgreSQL is one helpful line, no stack trace', async () => {
  const result = await runCli(['start', '--port', '0'], {
    env: {
      LATCHKEY_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test',
      LATCHKEY_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    },
    timeoutMs: 30_000,
  });
  assert.notEqual(result.code, 0);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /PostgreSQL/);
  assert.match(result.stderr, /LATCHKEY_DATABASE_URL/);
  assert.doesNotMatch(result.stderr, noStackTrace);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
});

test('an unusable data directory is one helpful line naming LATCHKEY_DATA_DIR', async (t) => {
  const location = await createTestDatabaseLocation('sqlite');
  t.after(() => location.cleanup());
  const aFile = path.join(location.dataDir, 'a-file');
  writeFileSync(aFile, 'not a directory');
  const notADatabase = path.join(location.dataDir, 'not-a-database');
  mkdirSync(notADatabase);
  writeFileSync(path.join(notADatabase, 'latchkey.db'), 'x'.repeat(4096));
  const cases = [
    { dataDir: aFile, expect: /is not a directory/ },
    { dataDir: path.join(aFile, 'below'), expect: /is not a directory/ },
    { dataDir: notADatabase, expect: /not an SQLite database/ },
  ];
  const results = await Promise.all(
    cases.map((c) =>
      runCli(['start', '--port', '0'], {
        env: { LATCHKEY_DATA_DIR: c.dataDir },
        timeoutMs: 30_000,
      }),
    ),
  );
  cases.forEach((c, i) => {
    const result = results[i]!;
    assert.notEqual(result.code, 0, c.dataDir);
    assert.match(result.stderr, c.expect, result.stderr);
    assert.match(result.stderr, /LATCHKEY_DATA_DIR/);
    assert.doesNotMatch(result.stderr, noStackTrace, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  });
});

test('a port in use stops the start promptly, naming the setting', async (t) => {
  const location = await createTestDatabaseLocation('sqlite');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    blocker.close();
    await location.cleanup();
  });
  const busyPort = String((blocker.address() as { port: number }).port);
  const [main, metrics] = await Promise.all([
    runCli(['start', '--port', busyPort], { env: location.env, timeoutMs: 30_000 }),
    // The main listener comes up; the metrics listener cannot. The process must not hang.
    runCli(['start', '--port', '0', '--metrics-port', busyPort], {
      env: location.env,
      timeoutMs: 30_000,
    }),
  ]);
  assert.notEqual(main.code, 0);
  assert.match(main.stderr, /port .*in use.*LATCHKEY_PORT/);
  assert.doesNotMatch(main.stderr, noStackTrace);
  assert.notEqual(metrics.code, 0);
  assert.match(metrics.stderr, /port .*in use.*LATCHKEY_METRICS_PORT/);
  assert.doesNotMatch(metrics.stderr, noStackTrace);
  assert.doesNotMatch(metrics.stdout, /Latchkey listening/);
});

describeEachDatabase('latchkey start --no-migrate', (kind) => {
  let database: TestDatabaseLocation;
  before(async () => {
    database = await createTestDatabaseLocation(kind);
  });
  after(async () => {
    await database.cleanup();
  });

  test('refuses a fresh database and says to run latchkey migrate', async () => {
    const result = await runCli(['start', '--port', '0', '--no-migrate'], {
      env: database.env,
      timeoutMs: 30_000,
    });
    assert.notEqual(result.code, 0);
    assert.doesNotMatch(result.stdout, /listening/);
    assert.match(result.stderr, /latchkey migrate/);
    assert.doesNotMatch(result.stderr, noStackTrace);
  });
});
