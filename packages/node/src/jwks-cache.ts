import { createPublicKey, type KeyObject } from 'node:crypto';
import { SessionVerificationError } from './errors.js';

/** A public key of the set, ready to verify with. */
export interface CachedKey {
  alg: string;
  key: KeyObject;
}

export interface JwksCacheOptions {
  url: string;
  /** Sent with every fetch: Latchkey picks the project by it. */
  projectId?: string | undefined;
  /** How long a fetched set is used; default 10 minutes (as Corbado's SDK). */
  maxAgeMs: number;
  /** Least time between two fetches caused by unknown key IDs; default 30 s. */
  cooldownMs: number;
  fetch: typeof fetch;
  now: () => number;
}

/**
 * The JWKS of one project, fetched on first use, kept for `maxAgeMs`, and fetched again
 * early when a token names a key ID the cached set lacks (a rotation), at most once per
 * `cooldownMs`. Concurrent callers share one fetch.
 */
export function createJwksCache(options: JwksCacheOptions) {
  let keys = new Map<string, CachedKey>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    inFlight ??= (async () => {
      let body: unknown;
      try {
        const response = await options.fetch(options.url, {
          headers: {
            accept: 'application/json',
            ...(options.projectId && { 'x-corbado-projectid': options.projectId }),
          },
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        body = await response.json();
      } catch (error) {
        throw new SessionVerificationError('JWKS_UNAVAILABLE', `cannot fetch ${options.url}`, {
          cause: error,
        });
      } finally {
        fetchedAt = options.now();
      }
      const next = new Map<string, CachedKey>();
      const list = (body as { keys?: unknown } | null)?.keys;
      for (const jwk of Array.isArray(list) ? list : []) {
        const { kid, alg, use } = (jwk ?? {}) as Record<string, unknown>;
        if (
          typeof kid !== 'string' ||
          typeof alg !== 'string' ||
          (use !== undefined && use !== 'sig')
        ) {
          continue;
        }
        try {
          next.set(kid, { alg, key: createPublicKey({ key: jwk, format: 'jwk' }) });
        } catch {
          // A key this Node cannot import is skipped, not fatal.
        }
      }
      keys = next;
    })().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    /** The key with this ID, fetching the set when it is stale or lacks the key. */
    async get(kid: string): Promise<CachedKey | undefined> {
      const age = options.now() - fetchedAt;
      if (age >= options.maxAgeMs) await refresh();
      else if (!keys.has(kid) && age >= options.cooldownMs) await refresh();
      return keys.get(kid);
    },
  };
}
