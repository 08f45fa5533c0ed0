import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import { hashToken } from '../../src/core/crypto/hash-token.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import { createApiSecret } from '../../src/core/secrets/create-api-secret.js';
import { listApiSecrets } from '../../src/core/secrets/list-api-secrets.js';
import { revokeApiSecret } from '../../src/core/secrets/revoke-api-secret.js';
import { verifyApiSecret } from '../../src/core/secrets/verify-api-secret.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

describeEachDatabase('API secrets', (kind) => {
  let database: TestDatabase;
  let deps: CoreDeps;
  let clock: ReturnType<typeof createFixedClock>;
  before(async () => {
    database = await createTestDatabase(kind);
    clock = createFixedClock(Date.UTC(2026, 0, 1));
    deps = { db: database.handle.db, clock, random: cryptoRandom };
  });
  after(async () => {
    await database.cleanup();
  });

  test('a new secret has the Corbado shape and only its hash is stored', async () => {
    const project = await createProject(deps, { name: 'P', origins: ['https://a.example.com'] });
    const created = await createApiSecret(deps, project.id);
    assert.match(created.apiSecret, /^corbado1_[0-9A-Za-z]{48}$/);
    const rows = await deps.db
      .selectFrom('api_secrets')
      .selectAll()
      .where('project_id', '=', project.id)
      .execute();
    assert.equal(rows.length, 1);
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes(created.apiSecret.slice(9)), 'the secret itself is not stored');
    assert.equal(rows[0]?.secret_hash, hashToken(created.apiSecret));
  });

  test('verify accepts the right pair only, records use, and stops after revocation', async () => {
    const project = await createProject(deps, { name: 'Q', origins: ['https://q.example.com'] });
    const other = await createProject(deps, { name: 'R', origins: ['https://r.example.com'] });
    const one = await createApiSecret(deps, project.id);
    const two = await createApiSecret(deps, project.id);
    const foreign = await createApiSecret(deps, other.id);

    assert.equal((await verifyApiSecret(deps, project.id, one.apiSecret))?.secretId, one.id);
    assert.equal((await verifyApiSecret(deps, project.id, two.apiSecret))?.secretId, two.id);
    assert.equal((await verifyApiSecret(deps, project.id, foreign.apiSecret))?.secretId, undefined);
    assert.equal(
      (await verifyApiSecret(deps, project.id, `${one.apiSecret}x`))?.secretId,
      undefined,
    );
    assert.equal((await verifyApiSecret(deps, 'pro-1', one.apiSecret))?.secretId, undefined);
    assert.equal(
      (await verifyApiSecret(deps, 'not-a-project', one.apiSecret))?.secretId,
      undefined,
    );
    // The project comes with the match, read in the same query.
    const authenticated = await verifyApiSecret(deps, project.id, one.apiSecret);
    assert.equal(authenticated?.project.id, project.id);
    assert.deepEqual(authenticated?.project.allowedOrigins, ['https://q.example.com']);
    // A project without any active secret authenticates nothing.
    const bare = await createProject(deps, { name: 'B', origins: ['https://b.example.com'] });
    assert.equal(await verifyApiSecret(deps, bare.id, one.apiSecret), undefined);

    let listed = await listApiSecrets(deps, project.id);
    assert.equal(listed.find((s) => s.id === one.id)?.lastUsedAt, clock.now());
    assert.ok(listed.every((s) => !JSON.stringify(s).includes(one.apiSecret)));
    assert.ok(listed.every((s) => /^corbado1_\*+[0-9A-Za-z]{4}$/.test(s.masked)));

    clock.advance(1000);
    await revokeApiSecret(deps, one.id);
    assert.equal((await verifyApiSecret(deps, project.id, one.apiSecret))?.secretId, undefined);
    assert.equal((await verifyApiSecret(deps, project.id, two.apiSecret))?.secretId, two.id);
    listed = await listApiSecrets(deps, project.id);
    assert.equal(listed.find((s) => s.id === one.id)?.revokedAt, clock.now());

    await assert.rejects(revokeApiSecret(deps, one.id), { code: 'CONFLICT' });
    await assert.rejects(revokeApiSecret(deps, 'sec-1'), { code: 'SECRET_NOT_FOUND' });
  });

  test('last use is written at most once a minute', async () => {
    const project = await createProject(deps, { name: 'S', origins: ['https://s.example.com'] });
    const secret = await createApiSecret(deps, project.id);
    const start = clock.now();
    await verifyApiSecret(deps, project.id, secret.apiSecret);
    clock.advance(30_000);
    await verifyApiSecret(deps, project.id, secret.apiSecret);
    let listed = await listApiSecrets(deps, project.id);
    assert.equal(listed[0]?.lastUsedAt, start);
    clock.advance(31_000);
    await verifyApiSecret(deps, project.id, secret.apiSecret);
    listed = await listApiSecrets(deps, project.id);
    assert.equal(listed[0]?.lastUsedAt, clock.now());
  });
});
