import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import { createJanitor } from '../../src/core/janitor/janitor.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

describeEachDatabase('janitor', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase(kind);
  });
  after(async () => {
    await database.cleanup();
  });

  test('deletes only expired rows, in batches, and two janitors at once do no harm', async () => {
    const db = database.handle.db;
    const now = 10_000_000;
    const rows = Array.from({ length: 1230 }, (_, i) => ({
      key: `k${i}`,
      count: 1,
      window_started_at: now - 120_000,
      // 1200 expired, 30 still live.
      expires_at: i < 1200 ? now - 1 : now + 60_000,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto('rate_limit_counters')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const clock = createFixedClock(now);
    const options = { db, clock, intervalMs: 60_000, batchSize: 100 };
    const [first, second] = await Promise.all([
      createJanitor(options).runOnce(),
      createJanitor(options).runOnce(),
    ]);
    assert.equal((first.rate_limit_counters ?? 0) + (second.rate_limit_counters ?? 0), 1200);
    const left = await db.selectFrom('rate_limit_counters').select('key').execute();
    assert.equal(left.length, 30);
    assert.ok(left.every((row) => Number(row.key.slice(1)) >= 1200));
  });
});
