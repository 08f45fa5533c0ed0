import type { WebBundleLoader } from './hosted-pages.js';

/**
 * Builds `@latchkey/web`'s bundle in-process with its own `buildWebBundle()` (esbuild), once,
 * on the first request for it. Imported lazily: a server that never serves a hosted page
 * never loads esbuild.
 */
export const loadDefaultWebBundle: WebBundleLoader = async () => {
  const specifier = '@latchkey/web';
  const web = (await import(specifier)) as {
    buildWebBundle(): Promise<string | Uint8Array | { code: string }>;
  };
  const built = await web.buildWebBundle();
  return typeof built === 'string' || built instanceof Uint8Array ? built : built.code;
};
