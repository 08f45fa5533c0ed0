import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import { hashToken } from '../../src/core/crypto/hash-token.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import {
  findAuthProcessByTokenHash,
  insertAuthProcess,
  saveAuthProcessStep,
} from '../../src/store/auth-process.store.js';
import { deleteExpiredBatch } from '../../src/store/janitor.store.js';
import type { ProjectRecord } from '../../src/store/project.store.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

describeEachDatabase('auth process store: hashed tokens, guarded steps, expiry', (kind) => {
  let database: TestDatabase;
  let project: ProjectRecord;
  const clock = createFixedClock(Date.UTC(2026, 0, 1));
  before(async () => {
    database = await createTestDatabase(kind);
    project = await createProject(
      { db: database.handle.db, clock, random: cryptoRandom },
      { name: 'Processes', origins: ['http://localhost:8080'] },
    );
  });
  after(async () => database.cleanup());

  const insert = async (id: string, token: string, expiresAt: number) =>
    insertAuthProcess(database.handle.db, {
      id,
      projectId: project.id,
      tokenHash: hashToken(token),
      state: 'signup-init',
      status: 'active',
      context: { v: 1, note: 'ä ☃' },
      version: 0,
      createdAt: 0,
      updatedAt: 0,
      expiresAt,
    });

  test('found by token hash only in its project; the context round-trips as JSON', async () => {
    await insert('prc-1', 'token-1', 1000);
    const found = await findAuthProcessByTokenHash(
      database.handle.db,
      project.id,
      hashToken('token-1'),
    );
    assert.deepEqual(found?.context, { v: 1, note: 'ä ☃' });
    assert.equal(found?.version, 0);
    assert.equal(
      await findAuthProcessByTokenHash(database.handle.db, 'pro-other', hashToken('token-1')),
      undefined,
    );
    const row = await database.handle.db
      .selectFrom('auth_processes')
      .selectAll()
      .executeTakeFirst();
    assert.ok(!JSON.stringify(row).includes('token-1'), 'the token itself is not stored');
  });

  test('of two steps that read the same version exactly one writes; a completed process takes none', async () => {
    await insert('prc-2', 'token-2', 1000);
    const step = (state: string, status: 'active' | 'completed' = 'active') =>
      saveAuthProcessStep(
        database.handle.db,
        { id: 'prc-2', expectedVersion: 0 },
        { state, status, context: { v: 1 }, now: 5 },
      );
    const results = await Promise.all([step('passkey-append'), step('email-verify')]);
    assert.deepEqual([...results].sort(), [false, true]);
    const done = await saveAuthProcessStep(
      database.handle.db,
      { id: 'prc-2', expectedVersion: 1 },
      { state: 'completed', status: 'completed', context: { v: 1 }, now: 6 },
    );
    assert.equal(done, true);
    const after = await saveAuthProcessStep(
      database.handle.db,
      { id: 'prc-2', expectedVersion: 2 },
      { state: 'signup-init', status: 'active', context: { v: 1 }, now: 7 },
    );
    assert.equal(after, false);
  });

  test('the janitor deletes expired processes', async () => {
    await insert('prc-3', 'token-3', 10);
    const table = {
      table: 'auth_processes',
      keyColumn: 'id',
      expiresColumn: 'expires_at',
    } as const;
    assert.ok((await deleteExpiredBatch(database.handle.db, table, 11, 100)) >= 1);
    assert.equal(
      await findAuthProcessByTokenHash(database.handle.db, project.id, hashToken('token-3')),
      undefined,
    );
  });
});
