import { insertApiSecret } from '../../store/api-secret.store.js';
import { hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { newId } from '../ids.js';
import { getProject } from '../projects/get-project.js';
import { apiSecretPrefix, apiSecretRandomLength } from './api-secret-format.js';

export interface CreatedApiSecret {
  id: string;
  /** The secret itself. Returned this once; only its hash is kept. */
  apiSecret: string;
  createdAt: number;
}

/**
 * Mints an API secret for a project.
 * @throws PROJECT_NOT_FOUND
 */
export async function createApiSecret(
  deps: CoreDeps,
  projectId: string,
): Promise<CreatedApiSecret> {
  await getProject(deps, projectId);
  const apiSecret = `${apiSecretPrefix}${deps.random.base62(apiSecretRandomLength)}`;
  const id = newId('apiSecret', deps.random);
  const createdAt = deps.clock.now();
  await insertApiSecret(deps.db, {
    id,
    projectId,
    secretHash: hashToken(apiSecret),
    hint: apiSecret.slice(-4),
    createdAt,
  });
  return { id, apiSecret, createdAt };
}
