import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, type FieldProblem, LatchkeyError } from '../core/errors.js';
import type { JwsSigner } from '../core/keys/jws-signer.js';
import type { SigningAlgorithm } from '../core/keys/signing-keys.js';
import type { RelyingParty } from '../core/passkeys/relying-party.js';
import type { VerifiedAuthentication } from '../core/passkeys/webauthn/verify-authentication.js';
import type { VerifiedRegistration } from '../core/passkeys/webauthn/verify-registration.js';
import type { WebauthnVerifier } from '../core/passkeys/webauthn/webauthn-verifier.js';

/** One job sent to a worker thread: a WebAuthn verification or a JWS signature. */
export type CryptoJob =
  | { id: number; kind: 'registration' | 'authentication'; rp: RelyingParty; input: unknown }
  | { id: number; kind: 'sign'; algorithm: SigningAlgorithm; key: KeyObject; data: string };

/** A worker thread's answer: the result, or the error (a LatchkeyError's code when it was one). */
export type CryptoReply =
  | { id: number; ok: true; result: VerifiedRegistration | VerifiedAuthentication | string }
  | {
      id: number;
      ok: false;
      error: { code?: ErrorCode; message: string; validation?: FieldProblem[] };
    };

/** Distributes jobs without their `id`, which the pool assigns. */
type JobWithoutId = CryptoJob extends infer J
  ? J extends CryptoJob
    ? Omit<J, 'id'>
    : never
  : never;

export interface CryptoWorkerPool extends WebauthnVerifier, JwsSigner {
  readonly size: number;
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Threads by default: the cores left beside the event loop's, at least one, at most four. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Runs the CPU-heavy cryptography of a request on worker threads: WebAuthn verification (CBOR
 * decoding, key import, signature check) and JWS signatures (an RS256 signature is the largest
 * single cost of a signed passkey login). The event loop stays free for other requests. Jobs
 * go round-robin; a thread that dies fails its pending jobs (500) and is replaced.
 */
export function createCryptoWorkerPool(size = defaultPoolSize()): CryptoWorkerPool {
  // From the sources (run through tsx, as bin/latchkey.js does without a build) the worker is
  // a .ts file: a small bootstrap registers tsx in the thread first, as the bin does.
  const fromSource = import.meta.url.endsWith('.ts');
  const tsWorker = new URL('./crypto-worker.ts', import.meta.url).href;
  const script = fromSource
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(tsWorker)}); });`
    : new URL('./crypto-worker.js', import.meta.url);
  const threads: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];
  let nextId = 0;
  let turn = 0;
  let closing = false;

  const spawn = (slot: number) => {
    const worker = new Worker(script, { eval: fromSource });
    const pending = new Map<number, Pending>();
    worker.on('message', (reply: CryptoReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.result);
      else if (reply.error.code) {
        waiting.reject(
          new LatchkeyError(reply.error.code, reply.error.message, {
            validation: reply.error.validation ?? [],
          }),
        );
      } else waiting.reject(new Error(`crypto worker job failed: ${reply.error.message}`));
    });
    const fail = (error: Error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      if (!closing) spawn(slot);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (threads[slot]?.worker === worker)
        fail(new Error(`crypto worker exited with code ${code}`));
    });
    // Idle threads must not keep the process alive; busy ones do (see run).
    worker.unref();
    threads[slot] = { worker, pending };
  };
  for (let slot = 0; slot < size; slot++) spawn(slot);

  const run = <T>(job: JobWithoutId): Promise<T> => {
    const thread = threads[turn++ % threads.length];
    if (!thread || closing) return Promise.reject(new Error('the crypto worker pool is closed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread.worker.postMessage({ ...job, id } satisfies CryptoJob);
    });
  };

  return {
    size,
    verifyRegistration: (rp, input) => run({ kind: 'registration', rp, input }),
    verifyAuthentication: (rp, input) => run({ kind: 'authentication', rp, input }),
    signJws: (algorithm, key, data) => run({ kind: 'sign', algorithm, key, data }),
    async close() {
      closing = true;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}
