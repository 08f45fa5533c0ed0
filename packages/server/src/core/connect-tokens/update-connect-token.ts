import {
  type ConnectTokenRecord,
  findConnectToken,
  markConnectTokenConsumed,
} from '../../store/connect-token.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { validateConnectTokenStatus } from './connect-token-fields.js';
import { requireConnectTokenId } from './get-connect-token-id.js';

/**
 * Sets a token's status. Consumption is one-way: `consumed` revokes an initial token (and is a
 * no-op on a consumed one); `initial` is accepted for a token that is still initial, but a
 * consumed token is never made usable again (single use), which is a 409 CONFLICT.
 * @throws VALIDATION_FAILED, CONNECT_TOKEN_NOT_FOUND, CONFLICT
 */
export async function updateConnectToken(
  deps: CoreDeps,
  projectId: string,
  connectTokenId: string,
  input: { status: unknown },
): Promise<ConnectTokenRecord> {
  const id = requireConnectTokenId(connectTokenId);
  const status = validateConnectTokenStatus(input.status);
  if (status === 'consumed') {
    const consumed = await markConnectTokenConsumed(deps.db, projectId, id, deps.clock.now());
    if (consumed) return consumed;
  }
  const current = await findConnectToken(deps.db, projectId, id);
  if (!current) throw new LatchkeyError('CONNECT_TOKEN_NOT_FOUND', `no connect token ${id}`);
  if (status === 'initial' && current.status === 'consumed') {
    throw new LatchkeyError(
      'CONFLICT',
      `connect token ${id} is consumed and cannot be used again; create a new one`,
    );
  }
  return current;
}
