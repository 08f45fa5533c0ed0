import type { WebBundleLoader } from './hosted-pages.js';

/**
 * Builds `@latchkey/web`'s bundle in-process with its own `buildWebBundle()` (esbuild),
 * without writing it to disk. Imported lazily, on the first request for a hosted page: a
 * server that never serves one never loads esbuild.
 */
export const loadDefaultWebBundle: WebBundleLoader = async () => {
  // @latchkey/web ships TypeScript sources. Running from src/ tsx is loaded already; a
  // compiled server (dist/) loads tsx's hooks first, as bin/latchkey.js does for src/.
  if (!import.meta.url.endsWith('.ts')) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  const { buildWebBundle } = await import('@latchkey/web/build');
  return (await buildWebBundle({ write: false })).code;
};
