// A worker thread of the crypto pool (crypto-worker-pool.ts): runs one job per message with
// the in-process verifier or signer and posts the result back. Only LatchkeyErrors cross
// back as such; anything else becomes a plain error.
import { parentPort } from 'node:worker_threads';
import { isLatchkeyError } from '../core/errors.js';
import { signJws } from '../core/keys/jws.js';
import { inProcessVerifier } from '../core/passkeys/webauthn/webauthn-verifier.js';
import type { CryptoJob, CryptoReply } from './crypto-worker-pool.js';

const port = parentPort;
if (!port) throw new Error('crypto-worker.ts runs only as a worker thread');

async function runJob(job: CryptoJob) {
  switch (job.kind) {
    case 'registration':
      return inProcessVerifier.verifyRegistration(job.rp, job.input as never);
    case 'authentication':
      return inProcessVerifier.verifyAuthentication(job.rp, job.input as never);
    case 'sign':
      return signJws(job.algorithm, job.key, job.data);
  }
}

port.on('message', async (job: CryptoJob) => {
  let reply: CryptoReply;
  try {
    reply = { id: job.id, ok: true, result: await runJob(job) };
  } catch (error) {
    reply = isLatchkeyError(error)
      ? {
          id: job.id,
          ok: false,
          error: { code: error.code, message: error.message, validation: error.validation },
        }
      : { id: job.id, ok: false, error: { message: (error as Error)?.message ?? String(error) } };
  }
  port.postMessage(reply);
});
