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

/** The build's one-line report, and whether the bundle is within `budgetBytes` gzipped. */
export function reportBundle(
  bundle: WebBundle,
  budgetBytes = webBundleBudgetBytes,
): { ok: boolean; lines: string[] } {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const where = bundle.path ? path.relative(process.cwd(), bundle.path) : 'latchkey-web.js';
  const lines = [
    `${where}: ${kb(bundle.bytes)} minified, ${kb(bundle.gzipBytes)} gzipped (budget ${kb(budgetBytes)} gzipped)`,
  ];
  const ok = bundle.gzipBytes <= budgetBytes;
  if (!ok) lines.push(`over budget by ${kb(bundle.gzipBytes - budgetBytes)} gzipped`);
  return { ok, lines };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = reportBundle(await buildWebBundle());
  for (const line of report.lines) (report.ok ? console.log : console.error)(line);
  if (!report.ok) process.exit(1);
}
