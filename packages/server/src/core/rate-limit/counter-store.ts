/** A fixed-window counter's state: the count so far and when the window ends (epoch ms). */
export interface CounterState {
  count: number;
  expiresAt: number;
}

/**
 * Where rate-limit counters live: the database (default) or Redis (`LATCHKEY_REDIS_URL`).
 * Both adapters pass the same behaviour suite (test/core/rate-limiter.test.ts). Time is the
 * caller's `now`, never the backend's clock, so windows behave the same on both and tests can
 * move a fixed clock.
 */
export interface CounterStore {
  /**
   * Adds one to the counter in one atomic operation, starting a new window of `windowMs`
   * when the old one has ended. Returns the state after the increment.
   */
  increment(key: string, now: number, windowMs: number): Promise<CounterState>;
  /** The live state, or undefined when there is no counter or its window has ended. */
  read(key: string, now: number): Promise<CounterState | undefined>;
  /** Which adapter this is (logged at start, named in docs/operations.md). */
  readonly kind: 'database' | 'redis';
}
