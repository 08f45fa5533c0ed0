import {
  type ConnectTokenRecord,
  type ConnectTokenType,
  consumeConnectTokenRow,
} from '../../store/connect-token.store.js';
import { hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { connectTokenSecretPrefix } from './connect-token-fields.js';

/** Anything longer or with other characters was never minted here; no need to look it up. */
const secretShape = new RegExp(`^${connectTokenSecretPrefix}[0-9A-Za-z]{20,128}$`);

/**
 * Spends a connect token: the one initial, unexpired token of `expectedType` in the project
 * whose secret this is becomes `consumed`, in a single guarded UPDATE, and its data comes back.
 * Of concurrent calls with one secret exactly one succeeds. Every failure (unknown secret,
 * another project's token, wrong type, consumed, expired) is the same error on purpose, so a
 * caller learns nothing about tokens it cannot use. The lookup is by the secret's SHA-256, so
 * timing reveals nothing about the secret itself.
 * @throws CONNECT_TOKEN_NOT_FOUND
 */
export async function consumeConnectToken(
  deps: CoreDeps,
  projectId: string,
  secret: string,
  expectedType: ConnectTokenType,
): Promise<ConnectTokenRecord> {
  const invalid = () =>
    new LatchkeyError('CONNECT_TOKEN_NOT_FOUND', 'the connect token is invalid, used or expired');
  if (typeof secret !== 'string' || !secretShape.test(secret)) throw invalid();
  const token = await consumeConnectTokenRow(
    deps.db,
    { projectId, secretHash: hashToken(secret), type: expectedType },
    deps.clock.now(),
  );
  if (!token) throw invalid();
  return token;
}
