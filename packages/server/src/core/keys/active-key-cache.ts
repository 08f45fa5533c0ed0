import type { SigningKeyRecord } from '../../store/signing-key.store.js';

/**
 * How long a node keeps signing with the active key it read before it reads again. A rotation
 * made on another node reaches this one within this time; meanwhile the replaced key is still
 * published for the rotation's overlap (24 h by default), so what this node signs keeps
 * verifying. A rotation on this node takes effect at once (see forgetActiveSigningKey).
 */
export const activeKeyCacheMs = 10_000;

interface CachedKey {
  key: SigningKeyRecord;
  readAt: number;
}

/** Active keys per database handle, by `projectId:purpose`. */
const cachedKeys = new WeakMap<object, Map<string, CachedKey>>();
/** Past this many projects and purposes per handle, start over. */
const maxCachedKeys = 10_000;

function entriesOf(db: object): Map<string, CachedKey> {
  let entries = cachedKeys.get(db);
  if (!entries) {
    entries = new Map();
    cachedKeys.set(db, entries);
  }
  return entries;
}

/** The active key read from this database less than activeKeyCacheMs ago, if any. */
export function cachedActiveSigningKey(
  db: object,
  projectId: string,
  purpose: string,
  now: number,
): SigningKeyRecord | undefined {
  const cached = entriesOf(db).get(`${projectId}:${purpose}`);
  if (!cached || now - cached.readAt >= activeKeyCacheMs || now < cached.readAt) return undefined;
  return cached.key;
}

/** Remembers the active key just read from (or written to) this database. */
export function rememberActiveSigningKey(db: object, key: SigningKeyRecord, now: number): void {
  const entries = entriesOf(db);
  if (entries.size >= maxCachedKeys) entries.clear();
  entries.set(`${key.projectId}:${key.purpose}`, { key, readAt: now });
}

/** Drops the remembered key after a rotation through this database handle. */
export function forgetActiveSigningKey(db: object, projectId: string, purpose: string): void {
  entriesOf(db).delete(`${projectId}:${purpose}`);
}
