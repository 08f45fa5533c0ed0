import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/*
 * Builds dist/latchkey-web.js: one minified ES module that registers the custom elements.
 * `npm run build -w @latchkey/web` runs this file, prints the size and fails over budget;
 * tests and servers call buildWebBundle() in-process, so nothing needs a build step first.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the bundle is written (the contract with the hosted pages: README.md). */
export const webBundlePath = path.join(here, 'dist', 'latchkey-web.js');

/** The budget: the components and SDK together, gzipped (issue 10). */
export const webBundleBudgetBytes = 40 * 1024;

export interface WebBundle {
  /** The bundle's JavaScript. */
  code: string;
  bytes: number;
  gzipBytes: number;
  /** Where it was written, when `write` was not false. */
  path?: string;
}

/**
 * Bundles src/index.ts with esbuild (ES2022, minified) and, unless `write: false`, writes it
 * to `outfile` (default dist/latchkey-web.js).
 */
export async function buildWebBundle(
  options: { write?: boolean; outfile?: string } = {},
): Promise<WebBundle> {
  const result = await build({
    entryPoints: [path.join(here, 'src', 'index.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const bundle: WebBundle = {
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
  };
  if (options.write !== false) {
    const outfile = options.outfile ?? webBundlePath;
    mkdirSync(path.dirname(outfile), { recursive: true });
    writeFileSync(outfile, code);
    bundle.path = outfile;
  }
  return bundle;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bundle = await buildWebBundle();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `${path.relative(process.cwd(), bundle.path ?? '')}: ${kb(bundle.bytes)}, ${kb(bundle.gzipBytes)} gzipped (budget ${kb(webBundleBudgetBytes)})`,
  );
  if (bundle.gzipBytes > webBundleBudgetBytes) {
    console.error(`over budget by ${kb(bundle.gzipBytes - webBundleBudgetBytes)}`);
    process.exit(1);
  }
}
