import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import { LatchkeyError } from '../../src/core/errors.js';
import type { CounterStore } from '../../src/core/rate-limit/counter-store.js';
import { createDatabaseCounters } from '../../src/core/rate-limit/database-counters.js';
import { createRateLimiter, type RateLimitRule } from '../../src/core/rate-limit/rate-limiter.js';
import type { RedisCounters } from '../../src/core/rate-limit/redis-counters.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';
import { connectTestRedis, redisSkipReason } from '../support/redis.js';

const rule: RateLimitRule = { name: 'test', limit: 3, windowMs: 60_000 };

/**
 * What every counter adapter must do, run once per adapter. The limiter's database handle is
 * only a fallback it does not use when `counters` is given.
 */
function rateLimiterBehaviour(setup: () => { counters: CounterStore; database: TestDatabase }) {
  const limiterAt = (start: number) => {
    const clock = createFixedClock(start);
    const { counters, database } = setup();
    return {
      clock,
      counters,
      limiter: createRateLimiter({ db: database.handle.db, clock, counters }),
    };
  };

  test('consume allows the limit, then refuses with Retry-After until the window ends', async () => {
    const { clock, limiter } = limiterAt(1_000_000);
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
    const { limiter } = limiterAt(5_000_000);
    for (let i = 0; i < 10; i++) await limiter.assertAllowed(rule, 'reader');
    for (let i = 0; i < 3; i++) await limiter.record(rule, 'reader');
    await assert.rejects(limiter.assertAllowed(rule, 'reader'), { code: 'RATE_LIMITED' });
  });

  test('concurrent increments are all counted (atomic)', async () => {
    const { limiter, counters } = limiterAt(9_000_000);
    const wide: RateLimitRule = { name: 'wide', limit: 1000, windowMs: 60_000 };
    await Promise.all(Array.from({ length: 40 }, () => limiter.record(wide, 'same')));
    const state = await counters.read('wide:same', 9_000_000);
    assert.deepEqual(state, { count: 40, expiresAt: 9_060_000 });
  });

  test('a window ends on the caller clock and the next one starts at one', async () => {
    const { counters } = limiterAt(0);
    assert.deepEqual(await counters.increment('w', 20_000_000, 1000), {
      count: 1,
      expiresAt: 20_001_000,
    });
    assert.equal((await counters.increment('w', 20_000_999, 1000)).count, 2);
    assert.equal(await counters.read('w', 20_001_000), undefined, 'over at its end');
    assert.deepEqual(await counters.increment('w', 20_001_000, 1000), {
      count: 1,
      expiresAt: 20_002_000,
    });
    assert.equal(await counters.read('never', 0), undefined);
  });
}

describeEachDatabase('rate limiter', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase(kind);
  });
  after(async () => {
    await database.cleanup();
  });
  rateLimiterBehaviour(() => ({ counters: createDatabaseCounters(database.handle.db), database }));
});

describe('rate limiter [redis]', { skip: await redisSkipReason() }, () => {
  let database: TestDatabase;
  let redis: RedisCounters;
  before(async () => {
    database = await createTestDatabase('sqlite');
    redis = await connectTestRedis();
  });
  after(async () => {
    await redis?.close();
    await database?.cleanup();
  });
  rateLimiterBehaviour(() => ({ counters: redis, database }));

  test('a Redis that stops answering refuses the request with 503 NOT_READY, never lets it through', async () => {
    const lost = await connectTestRedis();
    await lost.close();
    for (const call of [() => lost.increment('k', 0, 1000), () => lost.read('k', 0)]) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof LatchkeyError);
        assert.equal(error.code, 'NOT_READY');
        assert.equal(error.retryAfterSeconds, 5);
        return true;
      });
    }
  });
});
