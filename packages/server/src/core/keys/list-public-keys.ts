import { listSigningKeys } from '../../store/signing-key.store.js';
import type { CoreDeps } from '../deps.js';
import {
  type PublicJwk,
  parsePurpose,
  type SigningKeyRecord,
  toPublicJwk,
} from './signing-keys.js';

/**
 * The public keys a JWKS serves for a project: active keys and retiring keys whose overlap
 * has not ended (judged by the clock, so a late janitor never keeps a key published).
 * Every purpose unless one is named.
 */
export async function listPublicKeys(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  purpose?: string,
): Promise<PublicJwk[]> {
  const keys = await listPublishedKeys(deps, projectId, purpose);
  return keys.map(toPublicJwk);
}

/** The stored records behind listPublicKeys. */
export async function listPublishedKeys(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  purpose?: string,
): Promise<SigningKeyRecord[]> {
  const checked = purpose === undefined ? undefined : parsePurpose(purpose);
  const now = deps.clock.now();
  const keys = await listSigningKeys(deps.db, projectId, ['active', 'retiring'], checked);
  const published = keys.filter((key) => key.status === 'active' || (key.retireAfter ?? 0) > now);
  // Active keys first (the one new tokens carry), then retiring ones; newest first within each.
  return published.sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'));
}
