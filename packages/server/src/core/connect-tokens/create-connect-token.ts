import { type ConnectTokenRecord, insertConnectToken } from '../../store/connect-token.store.js';
import { hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { newId } from '../ids.js';
import {
  connectTokenSecretPrefix,
  connectTokenSecretRandomLength,
  resolveConnectTokenLifetime,
  validateConnectTokenData,
  validateConnectTokenType,
} from './connect-token-fields.js';

export interface CreateConnectTokenInput {
  type: unknown;
  data: unknown;
  maxLifetimeInSeconds?: unknown;
}

export interface CreatedConnectToken {
  token: ConnectTokenRecord;
  /** The secret itself. Returned this once; only its SHA-256 is kept. */
  secret: string;
}

/**
 * Mints a single-use connect token for a Connect action. It expires on a whole second (the
 * wire carries Unix seconds), at most `maxLifetimeInSeconds` from now.
 * @throws VALIDATION_FAILED naming `type`, `data`, `data.<field>` or `maxLifetimeInSeconds`.
 */
export async function createConnectToken(
  deps: CoreDeps,
  projectId: string,
  input: CreateConnectTokenInput,
): Promise<CreatedConnectToken> {
  const type = validateConnectTokenType(input.type);
  const data = validateConnectTokenData(type, input.data);
  const lifetimeSeconds = resolveConnectTokenLifetime(input.maxLifetimeInSeconds);
  const now = deps.clock.now();
  const secret = `${connectTokenSecretPrefix}${deps.random.base62(connectTokenSecretRandomLength)}`;
  const token: ConnectTokenRecord = {
    id: newId('connectToken', deps.random),
    projectId,
    type,
    data,
    status: 'initial',
    secretHash: hashToken(secret),
    createdAt: now,
    updatedAt: now,
    // Rounded down to the second, so the token never outlives the `expires` it reports.
    expiresAt: (Math.floor(now / 1000) + lifetimeSeconds) * 1000,
  };
  await insertConnectToken(deps.db, token);
  return { token, secret };
}
