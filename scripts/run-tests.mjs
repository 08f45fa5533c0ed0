#!/usr/bin/env node
// Runs every test file (*.test.ts) of the workspace with Node's test runner through tsx.
//
// The PostgreSQL leg: storage tests run on SQLite always and on PostgreSQL when
// LATCHKEY_TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test).
// With LATCHKEY_REQUIRE_POSTGRES=1 (set by .ci/run) the run fails unless PostgreSQL tests
// actually ran and passed, so a silently skipped leg cannot pass CI.
//
// The browser leg: tests named `[chromium]` drive Debian's Chromium (/usr/bin/chromium) and
// are skipped when it is missing. With LATCHKEY_REQUIRE_CHROMIUM=1 (set by .ci/run) the run
// fails unless some `[chromium]` test passed.
//
// The Redis leg: suites named `[redis]` run against a real Redis (LATCHKEY_TEST_REDIS_URL,
// default redis://127.0.0.1:6379) and are skipped without one. With LATCHKEY_REQUIRE_REDIS=1
// (set by .ci/run) they fail instead, and the run fails unless some `[redis]` test passed.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// Arguments narrow the run to folders or files, e.g. `node scripts/run-tests.mjs packages/server/test/core`.
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['packages', 'examples'];

function findTests(dir, found = []) {
  if (dir.endsWith('.test.ts')) return [...found, dir];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) findTests(full, found);
    else if (entry.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

const files = roots.flatMap((r) => findTests(path.resolve(root, r))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const requirePostgres = process.env.LATCHKEY_REQUIRE_POSTGRES === '1';
if (requirePostgres && !process.env.LATCHKEY_TEST_DATABASE_URL) {
  console.error('LATCHKEY_REQUIRE_POSTGRES=1 but LATCHKEY_TEST_DATABASE_URL is not set');
  process.exit(1);
}
const requireChromium = process.env.LATCHKEY_REQUIRE_CHROMIUM === '1';
const requireRedis = process.env.LATCHKEY_REQUIRE_REDIS === '1';
console.log(
  `Running ${files.length} test files; PostgreSQL leg: ${
    process.env.LATCHKEY_TEST_DATABASE_URL ? 'on' : 'off (set LATCHKEY_TEST_DATABASE_URL to enable)'
  }`,
);

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.LATCHKEY_TEST_CONCURRENCY ?? 2}`,
    ...files,
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'test' } },
);
let postgresPassed = 0;
let chromiumPassed = 0;
let redisPassed = 0;
let buffer = '';
/** Counts a reported line if it is a passed `[postgres]`, `[chromium]` or `[redis]` test. */
function countPassed(line) {
  if (/✔.*\[postgres\]/.test(line)) postgresPassed++;
  if (/✔.*\[chromium\]/.test(line)) chromiumPassed++;
  if (/✔.*\[redis\]/.test(line)) redisPassed++;
}
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk.toString();
  const lines = buffer.split('\n');
  buffer = lines.pop() ?? '';
  for (const line of lines) countPassed(line);
});
child.on('close', (code) => {
  countPassed(buffer);
  console.log(`PostgreSQL tests passed: ${postgresPassed}`);
  console.log(`Chromium tests passed: ${chromiumPassed}`);
  console.log(`Redis tests passed: ${redisPassed}`);
  if (code !== 0) process.exit(code ?? 1);
  if (requirePostgres && postgresPassed === 0) {
    console.error('FAIL: the PostgreSQL leg was required but no [postgres] test passed');
    process.exit(1);
  }
  if (requireChromium && chromiumPassed === 0) {
    console.error('FAIL: the browser leg was required but no [chromium] test passed');
    process.exit(1);
  }
  if (requireRedis && redisPassed === 0) {
    console.error('FAIL: the Redis leg was required but no [redis] test passed');
    process.exit(1);
  }
  process.exit(0);
});
