import type { KeyObject } from 'node:crypto';
import { signJws } from './jws.js';
import type { SigningAlgorithm } from './signing-keys.js';

/**
 * Where JWS signatures are made. An RS256 signature costs a quarter of a millisecond of CPU,
 * more than anything else in a signed passkey login, so the server makes them on worker
 * threads (server/crypto-worker-pool.ts); tests and CLI commands sign in process.
 */
export interface JwsSigner {
  /** The base64url signature of `data` (`header.payload`) with the key. */
  signJws(algorithm: SigningAlgorithm, key: KeyObject, data: string): Promise<string>;
}

/** Signs on the calling thread. */
export const inProcessSigner: JwsSigner = {
  signJws: async (algorithm, key, data) => signJws(algorithm, key, data),
};
