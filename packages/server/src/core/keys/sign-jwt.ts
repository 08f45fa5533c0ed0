import { ensureSigningKey } from './ensure-signing-key.js';
import { inProcessSigner } from './jws-signer.js';
import {
  type KeyDeps,
  loadPrivateKey,
  type SigningAlgorithm,
  type SigningKeyPurpose,
} from './signing-keys.js';

export interface SignJwtInput {
  projectId: string;
  purpose: SigningKeyPurpose;
  /** JWT `typ` header (e.g. `passkey-data+jwt`), so tokens of one purpose never pass as another. */
  typ: string;
  claims: Record<string, unknown>;
}

/**
 * Signs a JWT with the project's active key for the purpose (created on first use); the
 * header carries `alg`, `typ` and `kid` (the key's `pki-…` ID).
 */
export async function signJwt(deps: KeyDeps, input: SignJwtInput): Promise<string> {
  const key = await ensureSigningKey(deps, { projectId: input.projectId, purpose: input.purpose });
  const algorithm = key.algorithm as SigningAlgorithm;
  const header = { alg: algorithm, typ: input.typ, kid: key.id };
  const data = `${encodePart(header)}.${encodePart(input.claims)}`;
  const signer = deps.signer ?? inProcessSigner;
  return `${data}.${await signer.signJws(algorithm, loadPrivateKey(deps.masterKey, key), data)}`;
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
