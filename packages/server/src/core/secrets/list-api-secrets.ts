import { listApiSecrets as listApiSecretRows } from '../../store/api-secret.store.js';
import type { CoreDeps } from '../deps.js';
import { getProject } from '../projects/get-project.js';
import { maskApiSecret } from './api-secret-format.js';

export interface ApiSecretSummary {
  id: string;
  /** Prefix and last four characters only. */
  masked: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/**
 * A project's API secrets, masked, newest first.
 * @throws PROJECT_NOT_FOUND
 */
export async function listApiSecrets(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
): Promise<ApiSecretSummary[]> {
  await getProject(deps, projectId);
  const rows = await listApiSecretRows(deps.db, projectId);
  return rows.map((row) => ({
    id: row.id,
    masked: maskApiSecret(row.hint),
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  }));
}
