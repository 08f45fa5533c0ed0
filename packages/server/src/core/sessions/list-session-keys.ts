import type { ProjectRecord } from '../../store/project.store.js';
import { ensureSigningKey } from '../keys/ensure-signing-key.js';
import { listPublicKeys } from '../keys/list-public-keys.js';
import type { KeyDeps, PublicJwk } from '../keys/signing-keys.js';
import { sessionSettingsOf } from './session-settings.js';

/**
 * The project's JWKS keys: its session keys only (active, and retiring ones in their
 * overlap). The passkey-data key is left out on purpose: signed passkey data is checked by
 * `verifySignedData`, and a verifier that trusts this set must never accept it as a session.
 * The session key is created on first request, so the set is never empty.
 */
export async function listSessionKeys(deps: KeyDeps, project: ProjectRecord): Promise<PublicJwk[]> {
  await ensureSigningKey(deps, {
    projectId: project.id,
    purpose: 'session',
    algorithm: sessionSettingsOf(project).algorithm,
  });
  return listPublicKeys(deps, project.id, 'session');
}
