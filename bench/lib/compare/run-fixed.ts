import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SampleBuffer } from '../latency.js';

/** What a fixed number of ceremonies measured. */
export interface FixedOutcome {
  completed: number;
  errors: number;
  errorSamples: string[];
  /** Whole-ceremony latencies, ms. */
  latencies: Float64Array;
  /** From the first ceremony's start to the last one's end. */
  wallMs: number;
}

const maxErrorSamples = 5;

/**
 * Runs `count` ceremonies with `clients` closed-loop clients: each client takes the next
 * ceremony number while any is left and runs `ceremony(client, n)` back to back. Failures count
 * as errors (and as done: the count is fixed), the first five are described.
 */
export async function runFixed(
  clients: number,
  count: number,
  ceremony: (client: number, n: number) => Promise<void>,
): Promise<FixedOutcome> {
  const latencies = new SampleBuffer();
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const runClient = async (client: number) => {
    while (next < count) {
      const n = next++;
      const t0 = performance.now();
      try {
        await ceremony(client, n);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        if (errorSamples.length < maxErrorSamples)
          errorSamples.push(String((error as Error).message ?? error));
        // A server that fails fast must not turn the generator into a busy loop.
        await sleep(10);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, count) }, (_v, i) => runClient(i)));
  return {
    completed: latencies.length,
    errors,
    errorSamples,
    latencies: latencies.toArray(),
    wallMs: performance.now() - start,
  };
}
