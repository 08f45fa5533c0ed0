import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import {
  basicAuthHeader,
  parseStartBanner,
  type StartedServer,
  startLatchkey,
} from '../support/cli.js';
import {
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';
import { redisSkipReason, testRedisUrl } from '../support/redis.js';

/*
 * `latchkey start` with LATCHKEY_REDIS_URL keeps its rate-limit counters in that Redis, not
 * in the database: failed Backend API logins fill a Redis key until the limit answers 429,
 * and emptying the Redis database lifts the limit at once. Database 9 of the test Redis is
 * this file's alone (the adapter suites share database 0 under random prefixes).
 */
const redisDatabase = 9;
const redisUrl = `${testRedisUrl.replace(/\/\d*$/, '')}/${redisDatabase}`;

const skip = await redisSkipReason();

describeEachDatabase('latchkey start with Redis', (kind) => {
  let location: TestDatabaseLocation;
  let server: StartedServer | undefined;
  let redis: Redis | undefined;

  before(async () => {
    if (skip) return;
    location = await createTestDatabaseLocation(kind);
    redis = new Redis(redisUrl, { lazyConnect: true });
    await redis.connect();
    await redis.flushdb();
  });

  after(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    await redis?.flushdb();
    redis?.disconnect();
    await location?.cleanup();
  });

  test('latchkey start with LATCHKEY_REDIS_URL counts failed logins in Redis [redis]', {
    skip,
  }, async () => {
    server = await startLatchkey([], { env: { ...location.env, LATCHKEY_REDIS_URL: redisUrl } });
    const banner = parseStartBanner(server.stdout());
    const wrongSecret = () =>
      fetch(`${server!.baseUrl}/v2/users`, {
        headers: { authorization: basicAuthHeader(banner.projectId, 'corbado1_wrong') },
      });

    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await wrongSecret()).status);
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401), 'the first 20 are refused as 401');
    assert.equal(statuses[20], 429, 'the 21st hits the limit');

    const keys = await redis!.keys('latchkey:rate-limit:*');
    assert.ok(keys.length >= 1, 'the counter is a key in Redis');
    const counts = await Promise.all(keys.map((key) => redis!.hget(key, 'count')));
    assert.ok(
      counts.some((count) => Number(count) >= 20),
      `a key counted the 20 failures: ${counts}`,
    );

    // The counters live in Redis only: with Redis emptied the limit is gone.
    await redis!.flushdb();
    assert.equal((await wrongSecret()).status, 401);
  });
});
