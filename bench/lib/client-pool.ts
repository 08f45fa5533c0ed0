import { Worker } from 'node:worker_threads';
import type { WorkerRequest } from './client-worker.js';
import { concatSamples } from './latency.js';
import {
  type DriverSettings,
  LoginDriver,
  type PhaseOutcome,
  type PhaseSpec,
} from './login-driver.js';

/** The load generator's clients, in this thread or spread over worker threads. */
export interface ClientPool {
  /** Creates `count` users with one passkey each (split over the threads). */
  setupUsers(count: number, parallel: number, onProgress?: (done: number) => void): Promise<void>;
  /** One login before the load (see LoginDriver.firstLogin); its latency in ms. */
  firstLogin(): Promise<number>;
  /** Runs one phase on every thread at once and merges the outcomes. */
  runPhase(spec: PhaseSpec): Promise<PhaseOutcome>;
  close(): Promise<void>;
}

/** Splits `total` into `parts` near-equal whole shares, larger ones first. */
export function splitEvenly(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_v, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

/** Merges the outcomes of threads that ran the same phase side by side. */
export function mergeOutcomes(outcomes: PhaseOutcome[]): PhaseOutcome {
  return {
    completed: outcomes.reduce((n, o) => n + o.completed, 0),
    errors: outcomes.reduce((n, o) => n + o.errors, 0),
    errorSamples: outcomes.flatMap((o) => o.errorSamples).slice(0, 5),
    latencies: concatSamples(outcomes.map((o) => o.latencies)),
    startLatencies: concatSamples(outcomes.map((o) => o.startLatencies)),
    finishLatencies: concatSamples(outcomes.map((o) => o.finishLatencies)),
    measuredMs: Math.max(...outcomes.map((o) => o.measuredMs)),
  };
}

// Worker threads do not inherit tsx's loader in Node 20, so each one registers it first and
// then imports the TypeScript entry.
const workerBootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((api) => { api.register(); return import(${JSON.stringify(new URL('./client-worker.ts', import.meta.url).href)}); });`;

/** `workers` 0: every client in this thread; N: N worker threads sharing the clients. */
export function createClientPool(settings: DriverSettings, workers: number): ClientPool {
  if (workers <= 0) {
    const driver = new LoginDriver(settings);
    return {
      setupUsers: (count, parallel, onProgress) => driver.setupUsers(count, parallel, onProgress),
      firstLogin: () => driver.firstLogin(),
      runPhase: (spec) => driver.runPhase(spec),
      close: async () => driver.close(),
    };
  }
  const threads = Array.from({ length: workers }, (_v, i) => {
    const worker = new Worker(workerBootstrap, {
      eval: true,
      workerData: { ...settings, tag: `${settings.tag}w${i}` } satisfies DriverSettings,
    });
    return { worker, users: 0 };
  });
  const ask = <T>(
    thread: { worker: Worker },
    request: WorkerRequest,
    done: string,
    onOther?: (message: { type: string; done?: number }) => void,
  ) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string; message?: string; done?: number }) => {
        if (message.type === done) {
          cleanup();
          resolve(message as T);
        } else if (message.type === 'error') {
          cleanup();
          reject(new Error(message.message));
        } else onOther?.(message);
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        thread.worker.off('message', onMessage);
        thread.worker.off('error', onError);
      };
      thread.worker.on('message', onMessage);
      thread.worker.on('error', onError);
      thread.worker.postMessage(request);
    });

  return {
    async setupUsers(count, parallel, onProgress) {
      const shares = splitEvenly(count, workers);
      const parallelShares = splitEvenly(Math.max(parallel, workers), workers);
      const progress = new Array<number>(workers).fill(0);
      await Promise.all(
        threads.map(async (thread, i) => {
          if (shares[i] === 0) return;
          const answer = await ask<{ users: number }>(
            thread,
            { type: 'setup', count: shares[i]!, parallel: parallelShares[i]! },
            'setup-done',
            (message) => {
              if (message.type !== 'progress') return;
              progress[i] = message.done ?? 0;
              onProgress?.(progress.reduce((a, b) => a + b, 0));
            },
          );
          thread.users = answer.users;
        }),
      );
    },
    async firstLogin() {
      const answer = await ask<{ ms: number }>(
        threads[0]!,
        { type: 'first-login' },
        'first-login-done',
      );
      return answer.ms;
    },
    async runPhase(spec) {
      const clientShares = splitEvenly(spec.clients, workers);
      const outcomes = await Promise.all(
        threads
          .map((thread, i) => ({ thread, clients: clientShares[i]! }))
          .filter(({ clients }) => clients > 0)
          .map(({ thread, clients }) =>
            ask<{ outcome: PhaseOutcome }>(
              thread,
              { type: 'phase', spec: { ...spec, clients } },
              'phase-done',
            ).then((answer) => answer.outcome),
          ),
      );
      return mergeOutcomes(outcomes);
    },
    async close() {
      await Promise.all(
        threads.map(async ({ worker }) => {
          worker.postMessage({ type: 'close' } satisfies WorkerRequest);
          await worker.terminate();
        }),
      );
    },
  };
}
