import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { builtInAaguids, createAaguidCatalog } from '../../src/core/passkeys/aaguid-catalog.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import { createRateLimiter } from '../../src/core/rate-limit/rate-limiter.js';
import { createApiSecret } from '../../src/core/secrets/create-api-secret.js';
import {
  createWebhookDispatcher,
  defaultRetryDelaysMs,
  type WebhookDispatcherOptions,
} from '../../src/core/webhooks/webhook-dispatcher.js';
import { buildApp } from '../../src/http/app.js';
import type { TypedApp } from '../../src/http/route-context.js';
import { type DatabaseHandle, openDatabase, pingDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { claimDelivery } from '../../src/store/webhook-delivery.store.js';
import {
  createTestDatabaseLocation,
  type DatabaseKind,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';
import { basicAuth, createTestServer, json, type TestServer } from '../support/test-server.js';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  verifyStandardWebhook,
  type WebhookReceiver,
} from '../support/webhook-receiver.js';

interface EventBody {
  id: string;
  type: string;
  timestamp: string;
  timestampMs: number;
  projectID: string;
  data: Record<string, unknown>;
}

const day = 24 * 60 * 60 * 1000;
const seconds = (ms: number) => Math.floor(ms / 1000);
const eventOf = (item: ReceivedWebhook) => JSON.parse(item.body) as EventBody;

async function inject(
  app: TypedApp,
  authorization: string,
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const response = await app.inject({
    method,
    url,
    headers: {
      authorization,
      ...(payload !== undefined && { 'content-type': 'application/json' }),
    },
    ...(payload !== undefined && { payload: JSON.stringify(payload) }),
  });
  assert.equal(response.statusCode, 200, `${method} ${url}: ${response.body}`);
  return json(response);
}

describeEachDatabase('webhook delivery', (kind) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    server = await createTestServer(kind);
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });
  // A dispatcher serves every project: rows a test leaves pending must not reach the next one.
  afterEach(async () => {
    await server.deps.db.deleteFrom('webhook_deliveries').where('status', '=', 'pending').execute();
  });

  const dispatcher = (overrides: Partial<WebhookDispatcherOptions> = {}) =>
    createWebhookDispatcher({
      db: server.deps.db,
      clock: server.clock,
      pollIntervalMs: 50,
      concurrency: 4,
      jitter: () => 0,
      ...overrides,
    });

  const call = (
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    authorization = server.authorization,
  ) => inject(server.app, authorization, method, url, payload);

  /** A project of its own per test, so outbox rows of one test never reach another's. */
  const freshProject = async () => {
    const other = await server.createProject('Webhook project');
    return {
      ...other,
      call: (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
        call(method, url, payload, other.authorization),
    };
  };

  const deliveriesOf = (projectId: string) =>
    server.deps.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();

  test('user.created, user.updated and user.deleted arrive signed, with Basic auth and custom headers', async () => {
    const project = await freshProject();
    const endpoint = (await project.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/all?source=latchkey`,
      basicAuthUsername: 'hook-user',
      basicAuthPassword: 'hook-pässword',
      subscribedEvents: ['user.created', 'user.updated', 'user.deleted'],
      customHeaders: { 'X-Api-Key': 'k-123', 'User-Agent': 'custom-agent' },
    })) as { id: string; signingSecret: string };
    const deletesOnly = (await project.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/deletes`,
      subscribedEvents: ['user.deleted'],
      customHeaders: {},
    })) as { id: string; signingSecret: string };
    // Another project's endpoint hears nothing of this project.
    const stranger = await freshProject();
    await stranger.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/stranger`,
      subscribedEvents: ['user.created', 'user.updated', 'user.deleted'],
      customHeaders: {},
    });

    const user = (await project.call('POST', '/v2/users', {
      fullName: 'Jane Doe',
      status: 'active',
    })) as { userID: string };
    server.clock.advance(1000);
    await project.call('PATCH', `/v2/users/${user.userID}`, { status: 'disabled' });
    server.clock.advance(1000);
    await project.call('DELETE', `/v2/users/${user.userID}`);
    const before = receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(receiver.received.length, before, 'nothing is sent before the dispatcher runs');
    assert.equal((await deliveriesOf(project.project.id)).length, 4, 'three events, one twice');

    const report = await dispatcher().runOnce();
    assert.deepEqual(report, { attempted: 4, delivered: 4, retrying: 0, failed: 0 });
    const got = receiver.received.slice(before);
    assert.equal(got.length, 4);
    assert.equal(
      got.some((item) => item.path === '/stranger'),
      false,
    );

    const all = got.filter((item) => item.path === '/all?source=latchkey');
    const events = all.map(eventOf).sort((a, b) => a.timestampMs - b.timestampMs);
    assert.deepEqual(
      events.map((event) => event.type),
      ['user.created', 'user.updated', 'user.deleted'],
    );
    for (const item of all) {
      const event = eventOf(item);
      assert.equal(item.method, 'POST');
      assert.equal(item.headers['content-type'], 'application/json');
      assert.equal(item.headers['webhook-id'], event.id);
      assert.match(event.id, /^evt-\d{19}$/);
      assert.equal(item.headers['webhook-timestamp'], String(seconds(server.clock.now())));
      assert.match(String(item.headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+=*$/);
      assert.ok(
        verifyStandardWebhook(
          endpoint.signingSecret,
          item.headers,
          item.body,
          seconds(server.clock.now()),
        ),
        'the signature verifies',
      );
      assert.equal(
        verifyStandardWebhook(
          deletesOnly.signingSecret,
          item.headers,
          item.body,
          seconds(server.clock.now()),
        ),
        false,
        "another endpoint's secret does not verify it",
      );
      assert.equal(
        verifyStandardWebhook(
          endpoint.signingSecret,
          item.headers,
          item.body.replace('Jane', 'John'),
          seconds(server.clock.now()),
        ),
        false,
        'a changed body does not verify',
      );
      assert.equal(item.headers.authorization, basicAuth('hook-user', 'hook-pässword'));
      assert.equal(item.headers['x-api-key'], 'k-123');
      assert.equal(item.headers['user-agent'], 'custom-agent');
      assert.equal(event.projectID, project.project.id);
      assert.match(event.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    const [created, updated, deleted] = events as [EventBody, EventBody, EventBody];
    assert.deepEqual(created.data, {
      userID: user.userID,
      fullName: 'Jane Doe',
      status: 'active',
      created: '2026-01-01T00:00:00Z',
      createdMs: created.timestampMs,
      updated: '2026-01-01T00:00:00Z',
      updatedMs: created.timestampMs,
    });
    assert.equal(updated.data.status, 'disabled');
    assert.equal(updated.data.updatedMs, created.timestampMs + 1000);
    // user.deleted carries the user's last state.
    assert.deepEqual(deleted.data, updated.data);

    const deletes = got.filter((item) => item.path === '/deletes');
    assert.equal(deletes.length, 1);
    const deleteEvent = eventOf(deletes[0] as ReceivedWebhook);
    assert.equal(deleteEvent.id, deleted.id, 'one event, one ID, on every endpoint');
    assert.equal(deletes[0]?.headers.authorization, undefined, 'no Basic auth when none is set');
    assert.ok(
      verifyStandardWebhook(
        deletesOnly.signingSecret,
        deletes[0]?.headers ?? {},
        deletes[0]?.body ?? '',
        seconds(server.clock.now()),
      ),
    );

    const rows = await deliveriesOf(project.project.id);
    for (const row of rows) {
      assert.equal(row.status, 'delivered');
      assert.equal(Number(row.attempts), 1);
      assert.equal(Number(row.delivered_at), server.clock.now());
      assert.equal(Number(row.expires_at), server.clock.now() + 7 * day);
      assert.equal(row.locked_until, null);
    }
    assert.deepEqual(await dispatcher().runOnce(), {
      attempted: 0,
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
  });

  test('a failed or rejected change queues nothing', async () => {
    const project = await freshProject();
    await project.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/nothing`,
      subscribedEvents: ['user.created', 'user.updated', 'user.deleted'],
      customHeaders: {},
    });
    const missing = 'usr-1234567890123456789';
    for (const response of [
      await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: { authorization: project.authorization },
        payload: { status: 'bogus' },
      }),
      await server.app.inject({
        method: 'PATCH',
        url: `/v2/users/${missing}`,
        headers: { authorization: project.authorization },
        payload: { status: 'active' },
      }),
      await server.app.inject({
        method: 'DELETE',
        url: `/v2/users/${missing}`,
        headers: { authorization: project.authorization },
      }),
    ]) {
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, response.body);
    }
    assert.deepEqual(await deliveriesOf(project.project.id), []);
    // Events nobody subscribed to queue nothing either.
    const quiet = await freshProject();
    await quiet.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/quiet`,
      subscribedEvents: ['passkey.created'],
      customHeaders: {},
    });
    await quiet.call('POST', '/v2/users', { status: 'active' });
    assert.deepEqual(await deliveriesOf(quiet.project.id), []);
  });

  test('retries with backoff until the receiver accepts, with the same webhook-id', async () => {
    const project = await freshProject();
    const flaky = await startWebhookReceiver({ statuses: [500, 503, 500] });
    try {
      const endpoint = (await project.call('POST', '/v2/webhookEndpoints', {
        url: `${flaky.url}/flaky`,
        subscribedEvents: ['user.created'],
        customHeaders: {},
      })) as { signingSecret: string };
      await project.call('POST', '/v2/users', { status: 'active' });
      const worker = dispatcher();
      const row = async () => (await deliveriesOf(project.project.id))[0];

      assert.deepEqual(await worker.runOnce(), {
        attempted: 1,
        delivered: 0,
        retrying: 1,
        failed: 0,
      });
      let state = await row();
      assert.equal(state?.status, 'pending');
      assert.equal(Number(state?.attempts), 1);
      assert.equal(state?.last_error, 'HTTP 500');
      assert.equal(Number(state?.next_attempt_at), server.clock.now() + defaultRetryDelaysMs[0]!);
      assert.equal(state?.locked_until, null);
      // Not due yet: nothing happens.
      server.clock.advance(defaultRetryDelaysMs[0]! - 1);
      assert.equal((await worker.runOnce()).attempted, 0);
      assert.equal(flaky.received.length, 1);

      server.clock.advance(1);
      assert.equal((await worker.runOnce()).retrying, 1);
      state = await row();
      assert.equal(state?.last_error, 'HTTP 503');
      server.clock.advance(defaultRetryDelaysMs[1]!);
      assert.equal((await worker.runOnce()).retrying, 1);
      server.clock.advance(defaultRetryDelaysMs[2]!);
      assert.equal((await worker.runOnce()).delivered, 1);
      state = await row();
      assert.equal(state?.status, 'delivered');
      assert.equal(Number(state?.attempts), 4);
      assert.equal(state?.last_error, null);

      assert.equal(flaky.received.length, 4);
      const ids = new Set(flaky.received.map((item) => item.headers['webhook-id']));
      assert.equal(ids.size, 1, 'every attempt carries the event ID');
      const timestamps = flaky.received.map((item) => Number(item.headers['webhook-timestamp']));
      assert.deepEqual(
        timestamps,
        [...timestamps].sort((a, b) => a - b),
      );
      assert.ok(timestamps[3]! > timestamps[0]!, 'each attempt is signed at its own time');
      const last = flaky.received[3] as ReceivedWebhook;
      assert.ok(
        verifyStandardWebhook(
          endpoint.signingSecret,
          last.headers,
          last.body,
          seconds(server.clock.now()),
        ),
      );
    } finally {
      await flaky.close();
    }
  });

  test('jitter stretches each delay by at most 20 %', async () => {
    const project = await freshProject();
    const failing = await startWebhookReceiver();
    failing.setStatus(500);
    try {
      await project.call('POST', '/v2/webhookEndpoints', {
        url: `${failing.url}/jitter`,
        subscribedEvents: ['user.created'],
        customHeaders: {},
      });
      await project.call('POST', '/v2/users', { status: 'active' });
      await dispatcher({ jitter: () => 0.999 }).runOnce();
      const [row] = await deliveriesOf(project.project.id);
      const delay = Number(row?.next_attempt_at) - server.clock.now();
      assert.ok(
        delay > defaultRetryDelaysMs[0]! && delay < defaultRetryDelaysMs[0]! * 1.2,
        `${delay}`,
      );
    } finally {
      await failing.close();
    }
  });

  test('gives up after the last retry and keeps the row until it expires', async () => {
    const project = await freshProject();
    const failing = await startWebhookReceiver();
    failing.setStatus(500);
    try {
      await project.call('POST', '/v2/webhookEndpoints', {
        url: `${failing.url}/down`,
        subscribedEvents: ['user.created'],
        customHeaders: {},
      });
      await project.call('POST', '/v2/users', { status: 'active' });
      const worker = dispatcher({ retryDelaysMs: [1000, 2000] });
      assert.equal((await worker.runOnce()).retrying, 1);
      server.clock.advance(1000);
      assert.equal((await worker.runOnce()).retrying, 1);
      server.clock.advance(2000);
      assert.deepEqual(await worker.runOnce(), {
        attempted: 1,
        delivered: 0,
        retrying: 0,
        failed: 1,
      });
      const [row] = await deliveriesOf(project.project.id);
      assert.equal(row?.status, 'failed');
      assert.equal(Number(row?.attempts), 3);
      assert.equal(row?.last_error, 'HTTP 500');
      assert.equal(Number(row?.expires_at), server.clock.now() + 7 * day);
      server.clock.advance(day);
      assert.equal((await worker.runOnce()).attempted, 0, 'a failed delivery is not retried');
      assert.equal(failing.received.length, 3);
    } finally {
      await failing.close();
    }
  });

  test('the default schedule spans about a day', () => {
    const total = defaultRetryDelaysMs.reduce((sum, delay) => sum + delay, 0);
    assert.ok(total > 20 * 60 * 60 * 1000 && total < 25 * 60 * 60 * 1000, `${total}`);
  });

  test('refused connections, timeouts and redirects are failed attempts with a short reason', async () => {
    const project = await freshProject();
    const closed = await startWebhookReceiver();
    const closedUrl = closed.url;
    await closed.close();
    const slow = await startWebhookReceiver();
    slow.setDelay(2000);
    const redirecting = await startWebhookReceiver();
    redirecting.setStatus(302);
    try {
      for (const url of [`${closedUrl}/gone`, `${slow.url}/slow`, `${redirecting.url}/moved`]) {
        await project.call('POST', '/v2/webhookEndpoints', {
          url,
          subscribedEvents: ['user.created'],
          customHeaders: {},
        });
      }
      await project.call('POST', '/v2/users', { status: 'active' });
      const report = await dispatcher({ requestTimeoutMs: 200 }).runOnce();
      assert.deepEqual(report, { attempted: 3, delivered: 0, retrying: 3, failed: 0 });
      const rows = await deliveriesOf(project.project.id);
      const errors = rows.map((row) => row.last_error ?? '').sort();
      assert.equal(errors.length, 3);
      assert.ok(errors.includes('HTTP 302'), errors.join(' | '));
      assert.ok(errors.includes('no answer within 200 ms'), errors.join(' | '));
      assert.ok(
        errors.some((error) => /ECONNREFUSED/.test(error)),
        errors.join(' | '),
      );
      for (const error of errors) assert.ok(error.length <= 500);
      assert.equal(redirecting.received.length, 1, 'the redirect is not followed');
    } finally {
      await slow.close();
      await redirecting.close();
    }
  });

  test('deleting an endpoint drops the deliveries still queued for it', async () => {
    const project = await freshProject();
    const endpoint = (await project.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/deleted-endpoint`,
      subscribedEvents: ['user.created'],
      customHeaders: {},
    })) as { id: string };
    await project.call('POST', '/v2/users', { status: 'active' });
    assert.equal((await deliveriesOf(project.project.id)).length, 1);
    await project.call('DELETE', `/v2/webhookEndpoints/${endpoint.id}`);
    assert.deepEqual(await deliveriesOf(project.project.id), []);
  });

  test('an updated endpoint gets its queued deliveries at its new URL and with its new headers', async () => {
    const project = await freshProject();
    const endpoint = (await project.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/old-url`,
      subscribedEvents: ['user.created'],
      customHeaders: { 'X-Version': '1' },
    })) as { id: string; signingSecret: string };
    await project.call('POST', '/v2/users', { status: 'active' });
    await project.call('PUT', `/v2/webhookEndpoints/${endpoint.id}`, {
      url: `${receiver.url}/new-url`,
      customHeaders: { 'X-Version': '2' },
    });
    const before = receiver.received.length;
    assert.equal((await dispatcher().runOnce()).delivered, 1);
    const [item] = receiver.received.slice(before);
    assert.equal(item?.path, '/new-url');
    assert.equal(item?.headers['x-version'], '2');
    assert.ok(
      verifyStandardWebhook(
        endpoint.signingSecret,
        item?.headers ?? {},
        item?.body ?? '',
        seconds(server.clock.now()),
      ),
    );
  });

  test('a worker that dies between sending and recording leads to a resend, never a loss', async () => {
    const project = await freshProject();
    await project.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/crash`,
      subscribedEvents: ['user.created'],
      customHeaders: {},
    });
    await project.call('POST', '/v2/users', { status: 'active' });
    const crashPath = (item: ReceivedWebhook) => item.path === '/crash';

    // The first worker sends, then hangs before it can record anything (as if killed).
    let release: (() => void) | undefined;
    const hung = dispatcher({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        await response.body?.cancel();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        throw new Error('worker died');
      },
    });
    const hungRun = hung.runOnce();
    await receiver.waitFor((received) => received.filter(crashPath).length === 1);
    const [leased] = await deliveriesOf(project.project.id);
    assert.equal(leased?.status, 'pending');
    assert.ok(Number(leased?.locked_until) > server.clock.now(), 'the row is leased');

    // While the lease holds, nobody else sends it.
    assert.equal((await dispatcher().runOnce()).attempted, 0);
    // Once it has run out, another worker sends it again.
    server.clock.advance(30_001);
    assert.equal((await dispatcher().runOnce()).delivered, 1);
    const sent = receiver.received.filter(crashPath);
    assert.equal(sent.length, 2);
    assert.equal(sent[0]?.headers['webhook-id'], sent[1]?.headers['webhook-id']);

    // The first worker coming back cannot undo that: its lease is gone.
    release?.();
    await hungRun;
    const [row] = await deliveriesOf(project.project.id);
    assert.equal(row?.status, 'delivered');
    assert.equal(Number(row?.attempts), 2);
  });

  test('start polls on its own; stop waits for the poll in progress', async () => {
    const project = await freshProject();
    await project.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/polled`,
      subscribedEvents: ['user.created'],
      customHeaders: {},
    });
    const worker = dispatcher({ pollIntervalMs: 20 });
    worker.start();
    try {
      await project.call('POST', '/v2/users', { status: 'active' });
      await receiver.waitFor((received) => received.some((item) => item.path === '/polled'));
    } finally {
      await worker.stop();
    }
    const [row] = await deliveriesOf(project.project.id);
    assert.equal(row?.status, 'delivered');
  });

  test('stop cuts off a slow request after the grace period and leaves the row due', async () => {
    const project = await freshProject();
    const slow = await startWebhookReceiver();
    slow.setDelay(5000);
    try {
      await project.call('POST', '/v2/webhookEndpoints', {
        url: `${slow.url}/slow-stop`,
        subscribedEvents: ['user.created'],
        customHeaders: {},
      });
      await project.call('POST', '/v2/users', { status: 'active' });
      const worker = dispatcher({ pollIntervalMs: 20, stopGraceMs: 100 });
      worker.start();
      // Wait until the request is in flight (the row is leased).
      for (;;) {
        const [row] = await deliveriesOf(project.project.id);
        if (row?.locked_until !== null && row?.locked_until !== undefined) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const stopping = Date.now();
      await worker.stop();
      assert.ok(Date.now() - stopping < 3000, 'stop does not wait for the receiver');
      const [row] = await deliveriesOf(project.project.id);
      assert.equal(row?.status, 'pending');
      assert.equal(row?.locked_until, null);
      assert.equal(row?.last_error, 'interrupted by shutdown');
      assert.ok(Number(row?.next_attempt_at) <= server.clock.now(), 'due again at once');
    } finally {
      await slow.close();
    }
  });

  test('two dispatchers on two connections deliver each of 50 events exactly once', async () => {
    const project = await freshProject();
    const racing = await startWebhookReceiver();
    racing.setDelay(5);
    const location = server.database;
    const second: DatabaseHandle = openDatabase({
      databaseUrl: location.databaseUrl,
      dataDir: location.dataDir,
      poolSize: 4,
    });
    try {
      await project.call('POST', '/v2/webhookEndpoints', {
        url: `${racing.url}/race`,
        subscribedEvents: ['user.created'],
        customHeaders: {},
      });
      for (let i = 0; i < 50; i++) await project.call('POST', '/v2/users', { status: 'active' });
      const a = dispatcher({ concurrency: 8, batchSize: 50 });
      const b = createWebhookDispatcher({
        db: second.db,
        clock: server.clock,
        pollIntervalMs: 50,
        concurrency: 8,
        batchSize: 50,
        jitter: () => 0,
      });
      const [reportA, reportB] = await Promise.all([a.runOnce(), b.runOnce()]);
      assert.equal(reportA.delivered + reportB.delivered, 50);
      assert.equal(reportA.attempted + reportB.attempted, 50, 'no delivery attempted twice');
      assert.equal(racing.received.length, 50);
      const ids = new Set(racing.received.map((item) => item.headers['webhook-id']));
      assert.equal(ids.size, 50, 'every event exactly once');
      const rows = await deliveriesOf(project.project.id);
      assert.equal(rows.length, 50);
      for (const row of rows) {
        assert.equal(row.status, 'delivered');
        assert.equal(Number(row.attempts), 1);
      }
    } finally {
      await second.close();
      await racing.close();
    }
  });

  test('of many claims racing for one row on two connections, exactly one wins', async () => {
    const project = await freshProject();
    await project.call('POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/claims`,
      subscribedEvents: ['user.created'],
      customHeaders: {},
    });
    const location = server.database;
    const second = openDatabase({
      databaseUrl: location.databaseUrl,
      dataDir: location.dataDir,
      poolSize: 4,
    });
    try {
      for (let round = 0; round < 5; round++) {
        await project.call('POST', '/v2/users', { status: 'active' });
        const rows = await deliveriesOf(project.project.id);
        const id = rows.find((row) => row.locked_until === null)?.id as string;
        const now = server.clock.now();
        const claims = await Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            claimDelivery(i % 2 === 0 ? server.deps.db : second.db, id, now, now + 30_000 + i),
          ),
        );
        assert.equal(claims.filter((claim) => claim !== undefined).length, 1, `round ${round}`);
      }
    } finally {
      await second.close();
    }
  });
});

/** The real app on an existing database (as a restarted process would build it). */
async function openApp(location: TestDatabaseLocation, startMs: number) {
  const handle = openDatabase({
    databaseUrl: location.databaseUrl,
    dataDir: location.dataDir,
    poolSize: 4,
  });
  await migrateToLatest(handle.db);
  const clock = createFixedClock(startMs);
  const deps: CoreDeps = { db: handle.db, clock, random: cryptoRandom };
  const app = await buildApp({
    deps,
    passkeys: {
      ...deps,
      masterKey: randomBytes(32),
      aaguids: createAaguidCatalog({ builtIn: builtInAaguids() }),
    },
    rateLimiter: createRateLimiter(deps),
    publicUrl: () => 'http://localhost:8080',
    bodyLimitBytes: 1_048_576,
    trustProxy: false,
    health: { ping: () => pingDatabase(handle.db), isAccepting: () => true },
  });
  await app.ready();
  return {
    app,
    deps,
    clock,
    dispatcher: createWebhookDispatcher({
      db: handle.db,
      clock,
      pollIntervalMs: 50,
      concurrency: 4,
      jitter: () => 0,
    }),
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

describeEachDatabase('webhook delivery across a restart', (kind: DatabaseKind) => {
  test('an event queued before a restart is delivered after it', async (t) => {
    const location = await createTestDatabaseLocation(kind);
    t.after(() => location.cleanup());
    const receiver = await startWebhookReceiver({ statuses: [503] });
    t.after(() => receiver.close());
    const start = Date.UTC(2026, 0, 1);

    // First life: an endpoint, two users; one delivery attempt that the receiver refuses.
    const first = await openApp(location, start);
    const project = await createProject(first.deps, {
      name: 'Restart',
      origins: ['http://localhost:8080'],
    });
    const secret = await createApiSecret(first.deps, project.id);
    const authorization = basicAuth(project.id, secret.apiSecret);
    const endpoint = (await inject(first.app, authorization, 'POST', '/v2/webhookEndpoints', {
      url: `${receiver.url}/restart`,
      basicAuthUsername: 'restart-user',
      basicAuthPassword: 'restart-pass',
      subscribedEvents: ['user.created'],
      customHeaders: { 'X-Tenant': 'acme' },
    })) as { signingSecret: string };
    const early = (await inject(first.app, authorization, 'POST', '/v2/users', {
      fullName: 'Before the restart',
      status: 'active',
    })) as { userID: string };
    assert.equal((await first.dispatcher.runOnce()).retrying, 1);
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]?.status, 503);
    // A second event queued while no dispatcher runs at all.
    const late = (await inject(first.app, authorization, 'POST', '/v2/users', {
      fullName: 'Queued, never tried',
      status: 'active',
    })) as { userID: string };
    await first.close();

    // Second life: a new app, a new dispatcher, the same database.
    const second = await openApp(location, start + 10_000);
    t.after(() => second.close());
    const report = await second.dispatcher.runOnce();
    assert.deepEqual(report, { attempted: 2, delivered: 2, retrying: 0, failed: 0 });
    const accepted = receiver.accepted();
    assert.equal(accepted.length, 2);
    const users = accepted.map((item) => (eventOf(item).data as { userID: string }).userID).sort();
    assert.deepEqual(users, [early.userID, late.userID].sort());
    for (const item of accepted) {
      assert.ok(
        verifyStandardWebhook(endpoint.signingSecret, item.headers, item.body, seconds(start) + 10),
      );
      assert.equal(item.headers.authorization, basicAuth('restart-user', 'restart-pass'));
      assert.equal(item.headers['x-tenant'], 'acme');
    }
    const retried = accepted.find(
      (item) => (eventOf(item).data as { userID: string }).userID === early.userID,
    );
    assert.equal(retried?.headers['webhook-id'], receiver.received[0]?.headers['webhook-id']);
  });
});
