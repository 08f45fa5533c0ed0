// A worker thread of the WebAuthn verifier pool (webauthn-worker-pool.ts): verifies one
// response per message with the in-process verifier and posts the result back. Only
// LatchkeyErrors cross back as such; anything else becomes a plain error.
import { parentPort } from 'node:worker_threads';
import { isLatchkeyError } from '../core/errors.js';
import { inProcessVerifier } from '../core/passkeys/webauthn/webauthn-verifier.js';
import type { VerifierReply, VerifierRequest } from './webauthn-worker-pool.js';

const port = parentPort;
if (!port) throw new Error('webauthn-worker.ts runs only as a worker thread');

port.on('message', async (request: VerifierRequest) => {
  let reply: VerifierReply;
  try {
    const result =
      request.kind === 'registration'
        ? await inProcessVerifier.verifyRegistration(request.rp, request.input as never)
        : await inProcessVerifier.verifyAuthentication(request.rp, request.input as never);
    reply = { id: request.id, ok: true, result };
  } catch (error) {
    reply = isLatchkeyError(error)
      ? {
          id: request.id,
          ok: false,
          error: { code: error.code, message: error.message, validation: error.validation },
        }
      : {
          id: request.id,
          ok: false,
          error: { message: (error as Error)?.message ?? String(error) },
        };
  }
  port.postMessage(reply);
});
