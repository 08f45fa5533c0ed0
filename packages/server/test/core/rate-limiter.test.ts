import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import { LatchkeyError } from '../../src/core/errors.js';
import { createRateLimiter, type RateLimitRule } from '../../src/core/rate-limit/rate-limiter.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

const rule: RateLimitRule = { name: 'test', limit: 3, windowMs: 60_000 };

describeEachDatabase('rate limiter', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase(kind);
  });
  after(async () => {
    await database.cleanup();
  });

  test('consume allows the limit, then refuses with Retry-After until the window ends', async () => {
    const clock = createFixedClock(1_000_000);
    const limiter = createRateLimiter({ db: database.handle.db, clock });
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'a');
    clock.advance(15_000);
    await assert.rejects(limiter.consume(rule, 'a'), (error: unknown) => {
      assert.ok(error instanceof LatchkeyError);
      assert.equal(error.code, 'RATE_LIMITED');
      assert.equal(error.retryAfterSeconds, 45);
      return true;
    });
    await limiter.consume(rule, 'b');
    clock.advance(45_000);
    await limiter.consume(rule, 'a');
  });

  test('assertAllowed only reads; record counts', async () => {
    const clock = createFixedClock(5_000_000);
    const limiter = createRateLimiter({ db: database.handle.db, clock });
    for (let i = 0; i < 10; i++) await limiter.assertAllowed(rule, 'reader');
    for (let i = 0; i < 3; i++) await limiter.record(rule, 'reader');
    await assert.rejects(limiter.assertAllowed(rule, 'reader'), { code: 'RATE_LIMITED' });
  });

  test('concurrent increments are all counted (atomic upsert)', async () => {
    const clock = createFixedClock(9_000_000);
    const limiter = createRateLimiter({ db: database.handle.db, clock });
    const wide: RateLimitRule = { name: 'wide', limit: 1000, windowMs: 60_000 };
    await Promise.all(Array.from({ length: 40 }, () => limiter.record(wide, 'same')));
    const row = await database.handle.db
      .selectFrom('rate_limit_counters')
      .select('count')
      .where('key', '=', 'wide:same')
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.count), 40);
  });
});
