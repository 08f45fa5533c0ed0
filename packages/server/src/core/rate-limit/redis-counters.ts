import { Redis } from 'ioredis';
import { LatchkeyError } from '../errors.js';
import type { CounterState, CounterStore } from './counter-store.js';

/**
 * One window per key as a hash {count, expiresAt}, changed by one Lua script so the
 * read-compare-increment is atomic on the Redis server (no lost updates between nodes). The
 * window end is computed from the caller's clock, like the database adapter; PEXPIRE (set
 * when a window starts) only lets Redis drop keys nobody reads any more.
 */
const incrementScript = `
local state = redis.call('HMGET', KEYS[1], 'count', 'expiresAt')
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
if state[1] == false or tonumber(state[2]) <= now then
  redis.call('HSET', KEYS[1], 'count', 1, 'expiresAt', now + window)
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, now + window}
end
return {redis.call('HINCRBY', KEYS[1], 'count', 1), tonumber(state[2])}
`;

export interface RedisCounters extends CounterStore {
  /** Closes the connection (at shutdown). */
  close(): Promise<void>;
}

/** Key prefix of the counters, so one Redis can serve other things (and tests stay apart). */
export const defaultRedisPrefix = 'latchkey:rate-limit:';

/**
 * Connects to Redis and checks it answers PING, so a wrong `LATCHKEY_REDIS_URL` stops the
 * start with a clear message instead of failing logins later. Afterwards ioredis reconnects by
 * itself; a request while Redis is down is refused with 503 NOT_READY (and Retry-After) rather
 * than let through unlimited: failing closed is the safe side for a limiter.
 * @throws the connection's error when Redis cannot be reached within `connectTimeoutMs` (the
 *   composition root turns it into a start error naming LATCHKEY_REDIS_URL).
 */
export async function connectRedisCounters(
  url: string,
  options: { prefix?: string; connectTimeoutMs?: number } = {},
): Promise<RedisCounters> {
  const prefix = options.prefix ?? defaultRedisPrefix;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
  });
  // Errors surface on the commands; without a listener ioredis would log each reconnect. The
  // socket's own error (ECONNREFUSED, ENOTFOUND) says more than "Connection is closed".
  let socketError: unknown;
  redis.on('error', (error) => {
    socketError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw socketError ?? error;
  }
  redis.defineCommand('latchkeyIncrement', { numberOfKeys: 1, lua: incrementScript });
  const client = redis as Redis & {
    latchkeyIncrement(key: string, now: number, windowMs: number): Promise<[number, number]>;
  };
  return {
    kind: 'redis',
    async increment(key, now, windowMs): Promise<CounterState> {
      const [count, expiresAt] = await unavailableAsNotReady(() =>
        client.latchkeyIncrement(prefix + key, now, windowMs),
      );
      return { count: Number(count), expiresAt: Number(expiresAt) };
    },
    async read(key, now) {
      const [count, expiresAt] = await unavailableAsNotReady(() =>
        redis.hmget(prefix + key, 'count', 'expiresAt'),
      );
      if (count === null || expiresAt === null || Number(expiresAt) <= now) return undefined;
      return { count: Number(count), expiresAt: Number(expiresAt) };
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Seconds a client is told to wait when Redis does not answer (ioredis is reconnecting). */
const redisRetryAfterSeconds = 5;

/**
 * Runs one Redis command; a failure (connection lost, timeout) becomes 503 NOT_READY in the
 * API's envelope instead of a 500, with the Redis error kept as the cause for the log.
 */
async function unavailableAsNotReady<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw new LatchkeyError('NOT_READY', 'the rate limiter (Redis) is not reachable; try again', {
      cause: error,
      retryAfterSeconds: redisRetryAfterSeconds,
    });
  }
}
