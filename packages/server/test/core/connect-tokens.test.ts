import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import { consumeConnectToken } from '../../src/core/connect-tokens/consume-connect-token.js';
import { createConnectToken } from '../../src/core/connect-tokens/create-connect-token.js';
import { updateConnectToken } from '../../src/core/connect-tokens/update-connect-token.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { LatchkeyError } from '../../src/core/errors.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import { type DatabaseHandle, openDatabase } from '../../src/store/database.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

const notFound = (error: unknown) =>
  error instanceof LatchkeyError && error.code === 'CONNECT_TOKEN_NOT_FOUND';

describeEachDatabase('consumeConnectToken', (kind) => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  let deps: CoreDeps;
  let clock: ReturnType<typeof createFixedClock>;
  let projectId: string;
  let otherProjectId: string;

  before(async () => {
    database = await createTestDatabase(kind);
    // A second connection pool on the same database: two "nodes".
    second = openDatabase({
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir,
      poolSize: 4,
    });
    clock = createFixedClock(Date.UTC(2026, 0, 1));
    deps = { db: database.handle.db, clock, random: cryptoRandom };
    projectId = (await createProject(deps, { name: 'A', origins: ['http://localhost:8080'] })).id;
    otherProjectId = (await createProject(deps, { name: 'B', origins: ['http://localhost:8080'] }))
      .id;
  });
  after(async () => {
    await second.close();
    await database.cleanup();
  });

  const statusOf = async (id: string) =>
    (
      await database.handle.db
        .selectFrom('connect_tokens')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;

  test('consumes an initial token once and returns its data', async () => {
    const { token, secret } = await createConnectToken(deps, projectId, {
      type: 'passkey-append',
      data: { displayName: 'Jane', identifier: 'jane@example.com' },
    });
    clock.advance(1000);
    const consumed = await consumeConnectToken(deps, projectId, secret, 'passkey-append');
    assert.equal(consumed.id, token.id);
    assert.deepEqual(consumed.data, { displayName: 'Jane', identifier: 'jane@example.com' });
    assert.equal(consumed.status, 'consumed');
    assert.equal(consumed.updatedAt, clock.now());
    assert.equal(await statusOf(token.id), 'consumed');
    await assert.rejects(consumeConnectToken(deps, projectId, secret, 'passkey-append'), notFound);
  });

  test('the wrong type, another project, or a malformed secret consume nothing', async () => {
    const { token, secret } = await createConnectToken(deps, projectId, {
      type: 'passkey-login',
      data: { identifier: 'jane@example.com' },
    });
    await assert.rejects(consumeConnectToken(deps, projectId, secret, 'passkey-append'), notFound);
    await assert.rejects(consumeConnectToken(deps, projectId, secret, 'passkey-list'), notFound);
    await assert.rejects(
      consumeConnectToken(deps, otherProjectId, secret, 'passkey-login'),
      notFound,
    );
    for (const bad of [
      '',
      'ctk1_',
      `${secret}x`.replace('ctk1_', 'ctk2_'),
      secret.slice(0, -1),
      `${secret} `,
      `${secret}${'a'.repeat(200)}`,
      token.id,
      token.secretHash,
    ]) {
      await assert.rejects(consumeConnectToken(deps, projectId, bad, 'passkey-login'), notFound);
    }
    assert.equal(await statusOf(token.id), 'initial');
    const consumed = await consumeConnectToken(deps, projectId, secret, 'passkey-login');
    assert.deepEqual(consumed.data, { identifier: 'jane@example.com' });
  });

  test('an expired token cannot be consumed, not even at the second it expires', async () => {
    const { token, secret } = await createConnectToken(deps, projectId, {
      type: 'passkey-list',
      data: { identifier: 'a' },
      maxLifetimeInSeconds: 10,
    });
    clock.advance(token.expiresAt - clock.now());
    await assert.rejects(consumeConnectToken(deps, projectId, secret, 'passkey-list'), notFound);
    assert.equal(await statusOf(token.id), 'initial');

    const live = await createConnectToken(deps, projectId, {
      type: 'passkey-list',
      data: { identifier: 'a' },
      maxLifetimeInSeconds: 10,
    });
    clock.advance(live.token.expiresAt - clock.now() - 1);
    const consumed = await consumeConnectToken(deps, projectId, live.secret, 'passkey-list');
    assert.equal(consumed.id, live.token.id);
  });

  test('a token revoked through PATCH (consumed) cannot be consumed', async () => {
    const { token, secret } = await createConnectToken(deps, projectId, {
      type: 'passkey-delete',
      data: { identifier: 'a' },
    });
    await updateConnectToken(deps, projectId, token.id, { status: 'consumed' });
    await assert.rejects(consumeConnectToken(deps, projectId, secret, 'passkey-delete'), notFound);
  });

  test('20 concurrent consumes of one token on two connection pools: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const { token, secret } = await createConnectToken(deps, projectId, {
        type: 'passkey-login',
        data: { identifier: `round-${round}` },
      });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          consumeConnectToken(
            i % 2 === 0 ? deps : { ...deps, db: second.db },
            projectId,
            secret,
            'passkey-login',
          ),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      assert.equal(won.length, 1, `round ${round}: ${won.length} winners`);
      assert.equal(lost.length, 19);
      for (const loss of lost) assert.ok(notFound(loss.reason), String(loss.reason));
      assert.deepEqual(won[0]?.status === 'fulfilled' && won[0].value.data, {
        identifier: `round-${round}`,
      });
      assert.equal(await statusOf(token.id), 'consumed');
    }
  });
});
