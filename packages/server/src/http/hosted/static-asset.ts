import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A file the hosted pages load, built or read once and kept in memory with its ETag. */
export interface StaticAsset {
  body: Buffer;
  /** Strong ETag: the SHA-256 of the body (RFC 9110 §8.8.3). */
  etag: string;
  /** The first 16 hex digits of that hash: the `?v=` the pages put on the asset's URL. */
  version: string;
}

/**
 * A lazily loaded asset: `load` runs on first use only, and concurrent first requests share
 * that one run. A failed load is not kept, so the next request tries again. The content is
 * derived from the installed code alone, the same on every node, so holding it in process
 * memory shares no state between nodes.
 */
export function createLazyAsset(
  load: () => Promise<string | Uint8Array>,
): () => Promise<StaticAsset> {
  let pending: Promise<StaticAsset> | undefined;
  return () => {
    pending ??= load().then(
      (content) => {
        const body = Buffer.from(content);
        const hash = createHash('sha256').update(body).digest('hex');
        return { body, etag: `"${hash}"`, version: hash.slice(0, 16) };
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

/** A year: the longest lifetime RFC 9111 caches are asked to honour in practice. */
const immutableMaxAge = 365 * 24 * 60 * 60;

/**
 * Sends an asset at its stable path. With the current `?v=` (what the pages link to) it may
 * be cached for a year, since a new build has a new version; without it (or with an old
 * one) caches must revalidate, and `If-None-Match` with the current ETag gets 304.
 */
export function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: StaticAsset,
  contentType: string,
) {
  const version = (request.query as { v?: unknown } | undefined)?.v;
  reply
    .header('etag', asset.etag)
    .header(
      'cache-control',
      version === asset.version
        ? `public, max-age=${immutableMaxAge}, immutable`
        : 'public, no-cache',
    )
    .header('x-content-type-options', 'nosniff')
    .header('cross-origin-resource-policy', 'same-origin');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag)) {
    return reply.code(304).send();
  }
  return reply.type(contentType).send(asset.body);
}
