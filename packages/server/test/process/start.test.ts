import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  basicAuthHeader,
  parseStartBanner,
  runCliJson,
  type StartedServer,
  startLatchkey,
} from '../support/cli.js';
import {
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';

/** Every non-empty line of `text` must be one JSON log record; returns them. */
function jsonLogLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
}

describeEachDatabase('latchkey start', (kind) => {
  let database: TestDatabaseLocation;
  const servers: StartedServer[] = [];
  before(async () => {
    database = await createTestDatabaseLocation(kind);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await database.cleanup();
  });

  let projectId: string;
  let apiSecret: string;

  test('the first start creates the default project and prints how to use it, once', async () => {
    const server = await startLatchkey([], {
      // The most verbose JSON logs: the secret must not be in any of them.
      env: { ...database.env, LATCHKEY_LOG_FORMAT: 'json', LATCHKEY_LOG_LEVEL: 'trace' },
    });
    servers.push(server);
    assert.match(server.stdout(), /^Latchkey listening on http:\/\/127\.0\.0\.1:[0-9]+$/m);
    assert.ok(server.port > 0);

    const banner = parseStartBanner(server.stdout());
    assert.match(banner.projectId, /^pro-[0-9]+$/);
    assert.match(banner.apiSecret ?? '', /^corbado1_[0-9A-Za-z]{40,}$/, 'the secret is printed');
    for (const url of [banner.backendApiUrl, banner.frontendApiUrl]) {
      assert.match(url, /^http:\/\/[^/\s]+$/, `${url} is a bare origin`);
      assert.equal(new URL(url).port, String(server.port));
    }
    if (kind === 'sqlite') assert.ok(banner.data.includes(database.dataDir), banner.data);
    else assert.match(banner.data, /postgres(ql)?:\/\/.*PostgreSQL/);
    // The curl line works as printed.
    assert.equal(banner.curl.projectId, banner.projectId);
    assert.equal(banner.curl.secret, banner.apiSecret);
    assert.equal(banner.curl.url, `${banner.backendApiUrl}/v2/users`);
    projectId = banner.projectId;
    apiSecret = banner.apiSecret!;

    const users = await fetch(banner.curl.url, {
      headers: { authorization: basicAuthHeader(banner.curl.projectId, banner.curl.secret) },
    });
    assert.equal(users.status, 200);
    assert.match(users.headers.get('content-type') ?? '', /application\/json/);
    const body = (await users.json()) as { users: unknown[]; paging: unknown };
    assert.deepEqual(body.users, []);
    assert.ok(body.paging);

    const wrong = await fetch(banner.curl.url, {
      headers: { authorization: basicAuthHeader(banner.projectId, `${apiSecret}x`) },
    });
    assert.equal(wrong.status, 401);

    const health = await fetch(`${server.baseUrl}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    // /metrics is not served on the main port unless configured.
    assert.equal((await fetch(`${server.baseUrl}/metrics`)).status, 404);

    const stopped = await server.stop('SIGTERM', 5_000);
    assert.equal(stopped.code, 0, `SIGTERM exits 0: ${stopped.stderr}`);

    // Logs are structured JSON, and the secret is only ever in the banner on stdout.
    const logs = jsonLogLines(stopped.stderr);
    assert.ok(logs.length > 0, 'the server logged something');
    assert.equal(stopped.stderr.includes(apiSecret), false, 'the secret is in the logs');
    assert.equal(stopped.stderr.includes(apiSecret.slice(9)), false);
    for (const line of stopped.stdout.split('\n')) {
      if (!line.includes(apiSecret)) continue;
      assert.match(line, /^\s*(API secret|curl -u) /, `the secret appears only in the banner`);
    }
  });

  test('a second start reuses the project, prints no secret and serves /metrics when asked', async () => {
    const server = await startLatchkey(['--json'], {
      env: {
        ...database.env,
        LATCHKEY_METRICS_PORT: '0',
        LATCHKEY_PUBLIC_URL: 'https://auth.example.test',
      },
    });
    servers.push(server);
    const stdoutLines = server
      .stdout()
      .split('\n')
      .filter((l) => l !== '');
    assert.equal(stdoutLines.length, 1, `--json prints one line:\n${server.stdout()}`);
    const info = JSON.parse(stdoutLines[0]!) as Record<string, string | undefined>;
    assert.equal(info.projectID, projectId);
    assert.equal(info.apiSecret, undefined);
    assert.match(info.listening ?? '', /^http:\/\/127\.0\.0\.1:[0-9]+$/);
    assert.equal(info.message, `Latchkey listening on ${info.listening}`);
    // The public URL is what clients are told to use.
    assert.equal(info.backendApiUrl, 'https://auth.example.test');
    assert.equal(info.frontendApiUrl, 'https://auth.example.test');
    assert.match(info.curl ?? '', / https:\/\/auth\.example\.test\/v2\/users$/);
    assert.doesNotMatch(server.stdout(), /corbado1_/, 'no secret on the second start');
    assert.doesNotMatch(server.stderr(), /corbado1_/);

    const users = await fetch(`${server.baseUrl}/v2/users`, {
      headers: { authorization: basicAuthHeader(projectId, apiSecret) },
    });
    assert.equal(users.status, 200, 'the first secret still works');
    assert.equal((await fetch(`${server.baseUrl}/health`)).status, 200);

    // The metrics listener is separate: its URL (with the real port, not 0) is printed.
    const metricsUrl = info.metrics ?? '';
    assert.match(metricsUrl, /^http:\/\/127\.0\.0\.1:[0-9]+\/metrics$/);
    assert.notEqual(new URL(metricsUrl).port, '0');
    assert.notEqual(Number(new URL(metricsUrl).port), server.port);
    const metrics = await fetch(metricsUrl);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /text\/plain/);
    const text = await metrics.text();
    assert.match(text, /^# TYPE latchkey_http_requests_total counter$/m);
    assert.match(text, /latchkey_http_requests_total\{[^}]*route="\/v2\/users"[^}]*\} [0-9]+/);
    assert.equal((await fetch(`${server.baseUrl}/metrics`)).status, 404, 'not on the main port');

    const stopped = await server.stop('SIGINT', 5_000);
    assert.equal(stopped.code, 0, `SIGINT exits 0: ${stopped.stderr}`);
  });

  test('two servers starting at once on a fresh database create exactly one default project', async () => {
    const fresh = await createTestDatabaseLocation(kind);
    try {
      const starts = await Promise.allSettled([
        startLatchkey([], { env: fresh.env }),
        startLatchkey([], { env: fresh.env }),
      ]);
      const pair = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      servers.push(...pair);
      for (const start of starts) if (start.status === 'rejected') throw start.reason;
      const banners = pair.map((s) => parseStartBanner(s.stdout()));
      assert.equal(banners[0]!.projectId, banners[1]!.projectId, 'both use one project');
      const printedSecret = pair.filter((s) => /corbado1_/.test(s.stdout()));
      assert.equal(printedSecret.length, 1, 'exactly one start printed a secret');

      const projects = await runCliJson<{ projectID: string }[]>(['project', 'list', '--json'], {
        env: fresh.env,
      });
      assert.deepEqual(
        projects.map((p) => p.projectID),
        [banners[0]!.projectId],
      );
      // The one printed secret works on both servers.
      const secret = banners.find((b) => b.apiSecret)!.apiSecret!;
      for (const server of pair) {
        const response = await fetch(`${server.baseUrl}/v2/users`, {
          headers: { authorization: basicAuthHeader(banners[0]!.projectId, secret) },
        });
        assert.equal(response.status, 200);
      }
      const exits = await Promise.all(pair.map((s) => s.stop()));
      assert.deepEqual(
        exits.map((e) => e.code),
        [0, 0],
      );
    } finally {
      await fresh.cleanup();
    }
  });
});
