import { isForeignKeyViolation } from '../../store/constraint-violation.js';
import { findProject } from '../../store/project.store.js';
import {
  findActiveSigningKey,
  insertActiveSigningKey,
  type SigningKeyRecord,
} from '../../store/signing-key.store.js';
import { LatchkeyError } from '../errors.js';
import { newId } from '../ids.js';
import { cachedActiveSigningKey, rememberActiveSigningKey } from './active-key-cache.js';
import {
  defaultSigningAlgorithm,
  generateSigningKeyMaterial,
  type KeyDeps,
  parseAlgorithm,
  parsePurpose,
  type SigningAlgorithm,
  type SigningKeyPurpose,
} from './signing-keys.js';

export interface EnsureSigningKeyInput {
  projectId: string;
  purpose: string;
  /** Used only when the key is created now; default RS256. */
  algorithm?: SigningAlgorithm;
}

/**
 * The project's active key for a purpose, created on first use. A node reuses the key it read
 * for a few seconds (active-key-cache.ts). Concurrent first uses (on
 * one node or several) end with one active key: the unique partial index on
 * (project_id, purpose) where status = 'active' lets exactly one insert win; the others
 * read the winner.
 * @throws VALIDATION_FAILED (purpose, algorithm), PROJECT_NOT_FOUND
 */
export async function ensureSigningKey(
  deps: KeyDeps,
  input: EnsureSigningKeyInput,
): Promise<SigningKeyRecord> {
  const purpose = parsePurpose(input.purpose);
  const algorithm = parseAlgorithm(input.algorithm ?? defaultSigningAlgorithm);
  const now = deps.clock.now();
  const cached = cachedActiveSigningKey(deps.db, input.projectId, purpose, now);
  if (cached) return cached;
  const existing = await findActiveSigningKey(deps.db, input.projectId, purpose);
  if (existing) {
    rememberActiveSigningKey(deps.db, existing, now);
    return existing;
  }
  // Concurrent first uses on this node wait for one key generation instead of each making
  // (and throwing away) their own; other nodes are settled by the unique index below.
  let pending = creations.get(deps.db);
  if (!pending) {
    pending = new Map();
    creations.set(deps.db, pending);
  }
  const flightKey = `${input.projectId}:${purpose}`;
  const inFlight = pending.get(flightKey);
  if (inFlight) return inFlight;
  const creation = createSigningKey(deps, { ...input, purpose, algorithm })
    .then((key) => {
      rememberActiveSigningKey(deps.db, key, now);
      return key;
    })
    .finally(() => pending.delete(flightKey));
  pending.set(flightKey, creation);
  return creation;
}

/** Key creations under way, per database handle and project/purpose. */
const creations = new WeakMap<object, Map<string, Promise<SigningKeyRecord>>>();

async function createSigningKey(
  deps: KeyDeps,
  input: EnsureSigningKeyInput & { purpose: SigningKeyPurpose; algorithm: SigningAlgorithm },
): Promise<SigningKeyRecord> {
  const { purpose, algorithm } = input;
  if (!(await findProject(deps.db, input.projectId))) {
    throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${input.projectId}`);
  }
  const id = newId('signingKey', deps.random);
  const now = deps.clock.now();
  const key: SigningKeyRecord = {
    id,
    projectId: input.projectId,
    purpose,
    algorithm,
    ...(await generateSigningKeyMaterial(deps.masterKey, id, algorithm)),
    status: 'active',
    createdAt: now,
    activatedAt: now,
    retireAfter: null,
  };
  let inserted: boolean;
  try {
    inserted = await insertActiveSigningKey(deps.db, key);
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${input.projectId}`);
    }
    throw error;
  }
  if (inserted) return key;
  const winner = await findActiveSigningKey(deps.db, input.projectId, purpose);
  if (!winner) {
    // The winner was rotated out between our insert and this read: try once more.
    return ensureSigningKey(deps, input);
  }
  return winner;
}
