import { findProject } from '../../store/project.store.js';
import { listSigningKeys } from '../../store/signing-key.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import type { SigningKeyRecord } from './signing-keys.js';

export interface SigningKeyInfo {
  id: string;
  purpose: string;
  algorithm: string;
  /** As of now: a retiring key past its retire_after counts as retired. */
  status: 'active' | 'retiring' | 'retired';
  /** In the JWKS right now. */
  published: boolean;
  createdAt: number;
  activatedAt: number;
  retireAfter: number | null;
}

/**
 * Every signing key of a project (all purposes and statuses): active, then retiring, then
 * retired, newest first within each; without private parts.
 * @throws PROJECT_NOT_FOUND
 */
export async function listProjectSigningKeys(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
): Promise<SigningKeyInfo[]> {
  if (!(await findProject(deps.db, projectId))) {
    throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${projectId}`);
  }
  const now = deps.clock.now();
  const keys = await listSigningKeys(deps.db, projectId, ['active', 'retiring', 'retired']);
  const infos = keys.map((key: SigningKeyRecord): SigningKeyInfo => {
    const status =
      key.status === 'retiring' && (key.retireAfter ?? 0) <= now
        ? 'retired'
        : (key.status as SigningKeyInfo['status']);
    return {
      id: key.id,
      purpose: key.purpose,
      algorithm: key.algorithm,
      status,
      published: status !== 'retired',
      createdAt: key.createdAt,
      activatedAt: key.activatedAt,
      retireAfter: key.retireAfter,
    };
  });
  // Active first, then retiring, then retired; newest first within each (sort is stable).
  const rank = { active: 0, retiring: 1, retired: 2 };
  return infos.sort((a, b) => rank[a.status] - rank[b.status]);
}
