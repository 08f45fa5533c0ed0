import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildWebBundle, reportBundle, webBundleBudgetBytes } from '../build.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('the bundle is one ES module within the 40 KB gzip budget that registers the elements', async () => {
  const bundle = await buildWebBundle({ write: false });
  assert.equal(bundle.path, undefined);
  assert.ok(
    bundle.gzipBytes > 1000 && bundle.gzipBytes <= webBundleBudgetBytes,
    String(bundle.gzipBytes),
  );
  for (const name of ['latchkey-auth', 'latchkey-passkeys', 'latchkey-user']) {
    assert.ok(bundle.code.includes(`"${name}"`), name);
  }
  assert.match(bundle.code, /customElements\.define/);
  assert.match(bundle.code, /export\{/);
  assert.doesNotMatch(bundle.code, /\bimport\s*[{("']/, 'nothing left to load');
});

test('buildWebBundle writes where it is told', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-web-'));
  try {
    const outfile = path.join(dir, 'out', 'bundle.js');
    const bundle = await buildWebBundle({ outfile });
    assert.equal(bundle.path, outfile);
    assert.equal(readFileSync(outfile, 'utf8'), bundle.code);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the report fails a bundle over its budget', () => {
  const bundle = { code: '', bytes: 4096, gzipBytes: 2048 };
  assert.deepEqual(reportBundle(bundle, 4096), {
    ok: true,
    lines: ['latchkey-web.js: 4.0 KB minified, 2.0 KB gzipped (budget 4.0 KB gzipped)'],
  });
  const over = reportBundle(bundle, 1024);
  assert.equal(over.ok, false);
  assert.equal(over.lines[1], 'over budget by 1.0 KB gzipped');
});

test('npm run build writes dist/latchkey-web.js and prints its gzipped size', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'build.ts'], {
    cwd: packageDir,
  });
  assert.match(
    stdout,
    /^dist\/latchkey-web\.js: [\d.]+ KB minified, [\d.]+ KB gzipped \(budget 40\.0 KB gzipped\)$/m,
  );
  assert.ok(existsSync(path.join(packageDir, 'dist', 'latchkey-web.js')));
});
