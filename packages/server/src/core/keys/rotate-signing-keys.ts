import { isForeignKeyViolation } from '../../store/constraint-violation.js';
import { findProject } from '../../store/project.store.js';
import {
  findActiveSigningKey,
  insertActiveSigningKey,
  markActiveRetiring,
  retireExpiredKeys,
  type SigningKeyRecord,
} from '../../store/signing-key.store.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { newId } from '../ids.js';
import { forgetActiveSigningKey } from './active-key-cache.js';
import {
  defaultSigningAlgorithm,
  generateSigningKeyMaterial,
  type KeyDeps,
  parseAlgorithm,
  parsePurpose,
  type SigningAlgorithm,
  type SigningKeyPurpose,
  signingKeyPurposes,
} from './signing-keys.js';

/** How long a replaced key stays in the JWKS by default: tokens it signed keep verifying. */
export const defaultOverlapMs = 24 * 60 * 60 * 1000;
/** At most a year of overlap. */
const maxOverlapMs = 366 * 24 * 60 * 60 * 1000;

export interface RotateSigningKeysInput {
  projectId: string;
  /** One purpose, or 'all'. */
  purpose: string;
  /** How long the replaced key stays published; default 24 h. */
  overlapMs?: number;
  /** Algorithm of the new key; default: the replaced key's, else RS256. */
  algorithm?: SigningAlgorithm;
}

export interface RotatedKey {
  purpose: SigningKeyPurpose;
  active: SigningKeyRecord;
  /** The key it replaced (now retiring), if there was one. */
  retiringId: string | undefined;
  retireAfter: number | undefined;
}

/**
 * Makes a new active key per purpose; the old one becomes 'retiring' until now + overlap.
 * Also retires keys whose overlap has ended. Each purpose rotates in one transaction.
 * @throws VALIDATION_FAILED (purpose, overlapMs, algorithm), PROJECT_NOT_FOUND,
 * CONFLICT when another rotation of the same key ran at the same moment
 */
export async function rotateSigningKeys(
  deps: KeyDeps,
  input: RotateSigningKeysInput,
): Promise<RotatedKey[]> {
  const purposes: SigningKeyPurpose[] =
    input.purpose === 'all' ? [...signingKeyPurposes] : [parsePurpose(input.purpose)];
  const overlapMs = input.overlapMs ?? defaultOverlapMs;
  if (!Number.isSafeInteger(overlapMs) || overlapMs < 0 || overlapMs > maxOverlapMs) {
    throw invalidField('overlapMs', 'must be a whole number of milliseconds from 0 to one year');
  }
  if (input.algorithm !== undefined) parseAlgorithm(input.algorithm);
  if (!(await findProject(deps.db, input.projectId))) {
    throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${input.projectId}`);
  }
  const now = deps.clock.now();
  await retireExpiredKeys(deps.db, input.projectId, now);
  const rotated: RotatedKey[] = [];
  for (const purpose of purposes) {
    const current = await findActiveSigningKey(deps.db, input.projectId, purpose);
    const algorithm =
      input.algorithm ??
      (current?.algorithm as SigningAlgorithm | undefined) ??
      defaultSigningAlgorithm;
    const id = newId('signingKey', deps.random);
    // Key generation (RSA takes a moment) happens outside the transaction.
    const material = await generateSigningKeyMaterial(deps.masterKey, id, algorithm);
    const key: SigningKeyRecord = {
      id,
      projectId: input.projectId,
      purpose,
      algorithm,
      ...material,
      status: 'active',
      createdAt: now,
      activatedAt: now,
      retireAfter: null,
    };
    const retireAfter = now + overlapMs;
    let result: { retiringId: string | undefined; inserted: boolean };
    try {
      result = await deps.db.transaction().execute(async (trx) => {
        const retiringId = await markActiveRetiring(trx, input.projectId, purpose, retireAfter);
        const inserted = await insertActiveSigningKey(trx, key);
        if (!inserted)
          throw new LatchkeyError('CONFLICT', 'another rotation ran at the same time; try again');
        return { retiringId, inserted };
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${input.projectId}`);
      }
      if (isUniqueViolationInTransaction(error)) {
        throw new LatchkeyError('CONFLICT', 'another rotation ran at the same time; try again', {
          cause: error,
        });
      }
      throw error;
    }
    forgetActiveSigningKey(deps.db, input.projectId, purpose);
    rotated.push({
      purpose,
      active: key,
      retiringId: result.retiringId,
      retireAfter: result.retiringId ? retireAfter : undefined,
    });
  }
  return rotated;
}

function isUniqueViolationInTransaction(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // PostgreSQL aborts the transaction on the failed insert; the commit then fails.
  return code === '23505' || code === '25P02';
}
