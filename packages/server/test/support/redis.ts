import { randomBytes } from 'node:crypto';
import {
  connectRedisCounters,
  type RedisCounters,
} from '../../src/core/rate-limit/redis-counters.js';

/*
 * The Redis leg: suites named `[redis]` run against a real Redis (LATCHKEY_TEST_REDIS_URL,
 * default redis://127.0.0.1:6379). Without one they are skipped, except with
 * LATCHKEY_REQUIRE_REDIS=1 (.ci/run sets it), where they fail, and scripts/run-tests.mjs then
 * also fails unless some `[redis]` test passed.
 */

export const testRedisUrl = process.env.LATCHKEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether this run must have Redis. */
export function redisRequired(): boolean {
  return process.env.LATCHKEY_REQUIRE_REDIS === '1';
}

/**
 * Counters in the test Redis under a prefix of their own, so test files running at the same
 * time never share a counter.
 * @throws when Redis does not answer.
 */
export function connectTestRedis(): Promise<RedisCounters> {
  return connectRedisCounters(testRedisUrl, {
    prefix: `latchkey-test:${randomBytes(8).toString('hex')}:`,
    connectTimeoutMs: 2000,
  });
}

/** `false` when the Redis suites must run, else why they are skipped (no Redis, not required). */
export async function redisSkipReason(): Promise<string | false> {
  if (redisRequired()) return false;
  try {
    const probe = await connectTestRedis();
    await probe.close();
    return false;
  } catch {
    return `no Redis at ${testRedisUrl} (start redis-server, or set LATCHKEY_TEST_REDIS_URL)`;
  }
}
