import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicAuthHeader, parseStartBanner, startLatchkey } from '../support/cli.js';
import { createTestDatabaseLocation, describeEachDatabase } from '../support/databases.js';
import { startWebhookReceiver, verifyStandardWebhook } from '../support/webhook-receiver.js';

describeEachDatabase('webhook delivery across a killed server', (kind) => {
  test('an event whose delivery was pending when the server was SIGKILLed arrives after a restart', async (t) => {
    const database = await createTestDatabaseLocation(kind);
    t.after(() => database.cleanup());
    const receiver = await startWebhookReceiver();
    t.after(() => receiver.close());
    // The receiver refuses at first, so the event is still pending when the server dies.
    receiver.setStatus(503);
    const env = { ...database.env, LATCHKEY_LOG_LEVEL: 'warn' };

    const first = await startLatchkey([], { env });
    t.after(() => first.stop('SIGKILL'));
    const banner = parseStartBanner(first.stdout());
    const authorization = basicAuthHeader(banner.projectId, banner.apiSecret as string);
    const post = async (baseUrl: string, path: string, body: unknown) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 200, await response.clone().text());
      return (await response.json()) as Record<string, unknown>;
    };

    const endpoint = await post(first.baseUrl, '/v2/webhookEndpoints', {
      url: `${receiver.url}/hooks`,
      basicAuthUsername: 'hooks',
      basicAuthPassword: 'hook-secret',
      subscribedEvents: ['user.created'],
      customHeaders: { 'X-Deployment': 'test' },
    });
    const secret = endpoint.signingSecret as string;
    assert.match(secret, /^whsec_/);
    const user = await post(first.baseUrl, '/v2/users', { fullName: 'Killed', status: 'active' });

    // The first attempt is refused; then the server dies before it can retry (5 s later).
    await receiver.waitFor((received) => received.length >= 1, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killed = await first.stop('SIGKILL');
    assert.equal(killed.signal, 'SIGKILL');
    const refused = receiver.received.length;
    assert.ok(refused >= 1);
    receiver.setStatus(200);

    const second = await startLatchkey([], { env });
    t.after(() => second.stop('SIGKILL'));
    // The retry comes after the backoff (about 5 s), or after the lease (30 s) if the kill
    // landed mid-request.
    await receiver.waitFor((received) => received.some((item) => item.status === 200), 90_000);
    const delivered = receiver.received.find((item) => item.status === 200);
    assert.ok(delivered);
    const nowSeconds = Math.floor(Date.now() / 1000);
    assert.ok(verifyStandardWebhook(secret, delivered.headers, delivered.body, nowSeconds));
    assert.equal(delivered.headers['webhook-id'], receiver.received[0]?.headers['webhook-id']);
    assert.equal(delivered.headers.authorization, basicAuthHeader('hooks', 'hook-secret'));
    assert.equal(delivered.headers['x-deployment'], 'test');
    const event = JSON.parse(delivered.body) as { type: string; data: { userID: string } };
    assert.equal(event.type, 'user.created');
    assert.equal(event.data.userID, user.userID);

    const stopped = await second.stop();
    assert.equal(stopped.code, 0);
  });
});
