import type { WebBundleLoader } from './hosted-pages.js';

/**
 * Builds `@latchkey/web`'s bundle in-process with its own `buildWebBundle()` (esbuild),
 * without writing it to disk. Imported lazily, on the first request for a hosted page: a
 * server that never serves one never loads esbuild.
 */
export const loadDefaultWebBundle: WebBundleLoader = async () => {
  const { buildWebBundle } = await import('@latchkey/web/build');
  return (await buildWebBundle({ write: false })).code;
};
