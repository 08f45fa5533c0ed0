// Smoke test of the load generator in bench/ (issue 4): it starts a real server, registers
// passkeys and drives logins without a single failed ceremony. No figure is checked against a
// speed: only that logins happened and were measured.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { childEnv } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

interface BenchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBench(args: string[]): Promise<BenchRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/passkey-logins.ts', ...args], {
    cwd: repoRoot,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench timed out:\n${stderr}`));
    }, 240_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface BenchJson {
  machine: { cpus: number; node: string };
  firstLogins: { database: string; ms: number }[];
  crypto: {
    es256VerifyPerSecond: number;
    es256WebCryptoVerifyPerSecond: number;
    signatureAlgorithm: string;
    signPerSecond: number;
  };
  results: {
    database: string;
    clients: number;
    loginsPerSecond: number;
    completed: number;
    errors: number;
    errorSamples: string[];
    latencyMs: { p50: number; p99: number; max: number };
    startP50Ms: number;
    finishP50Ms: number;
  }[];
}

describeEachDatabase('bench/passkey-logins.ts', (kind) => {
  const databaseArgs = [
    '--database',
    kind,
    ...(kind === 'postgres' ? ['--postgres-url', process.env.LATCHKEY_TEST_DATABASE_URL!] : []),
  ];
  const quick = ['--duration', '1s', '--warmup', '200ms', '--crypto-duration', '100ms'];

  test('drives passkey logins at two concurrency levels and reports them as JSON', async () => {
    const run = await runBench([
      ...databaseArgs,
      ...quick,
      '--concurrency',
      '1,2',
      '--users',
      '4',
      '--json',
    ]);
    assert.equal(run.code, 0, `exit code ${run.code}:\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as BenchJson;
    assert.deepEqual(
      report.results.map((r) => [r.database, r.clients]),
      [
        [kind, 1],
        [kind, 2],
      ],
    );
    for (const result of report.results) {
      assert.equal(result.errors, 0, `failed ceremonies: ${result.errorSamples.join('\n')}`);
      assert.ok(result.completed > 0, 'no login completed');
      assert.ok(result.loginsPerSecond > 0);
      assert.ok(result.latencyMs.p50 > 0);
      assert.ok(result.latencyMs.p99 >= result.latencyMs.p50);
      assert.ok(result.latencyMs.max >= result.latencyMs.p99);
      // A ceremony is login/start plus login/finish (plus the authenticator in between).
      assert.ok(
        result.latencyMs.max >= result.startP50Ms && result.latencyMs.max >= result.finishP50Ms,
      );
    }
    assert.equal(report.crypto.signatureAlgorithm, 'RS256');
    assert.ok(report.crypto.es256VerifyPerSecond > 0);
    assert.ok(report.crypto.es256WebCryptoVerifyPerSecond > 0);
    assert.ok(report.crypto.signPerSecond > 0);
    assert.ok(report.machine.cpus > 0);
    assert.deepEqual(
      report.firstLogins.map((first) => first.database),
      [kind],
    );
    assert.ok(report.firstLogins[0]!.ms > 0);
    assert.match(run.stderr, /set up 4 users/);
  });

  test('runs its clients in worker threads and prints the table', async () => {
    const run = await runBench([
      ...databaseArgs,
      ...quick,
      '--concurrency',
      '2',
      '--users',
      '4',
      '--client-workers',
      '2',
      '--sign-passkey-data',
      'false',
    ]);
    assert.equal(run.code, 0, `exit code ${run.code}:\n${run.stderr}`);
    const row = new RegExp(`^${kind}\\s+2\\s+(\\d+)\\s+.*\\s(\\d+)\\s+\\d+%\\s+\\d+%$`, 'm').exec(
      run.stdout,
    );
    assert.ok(row, `no result row for ${kind} in:\n${run.stdout}`);
    assert.ok(Number(row[1]) > 0, 'no logins per second');
    assert.equal(row[2], '0', 'errors');
    assert.match(run.stdout, /^Crypto ceiling/m);
    assert.match(run.stdout, /^Command: node --import tsx bench\/passkey-logins\.ts /m);
  });
});

interface CompareJson {
  phases: {
    database: string;
    scenario: string;
    clients: number;
    target: string;
    ceremonies: number;
    perSecond: number;
    errors: number;
    errorSamples: string[];
    latencyMs: { p50: number; p95: number; p99: number };
    serverPeakRssMiB: number;
  }[];
  cryptoShare: { database: string; clients: number; share: number }[];
  peakMemoryMiB: { process: string; hwmMiB: number }[];
}

describeEachDatabase('bench/passkey-logins.ts --compare', (kind) => {
  test('runs every scenario against Latchkey and Better Auth and writes the results', async () => {
    const resultsDir = mkdtempSync(path.join(tmpdir(), 'bench-compare-'));
    try {
      const run = await runBench([
        '--compare',
        '--database',
        kind,
        ...(kind === 'postgres' ? ['--postgres-url', process.env.LATCHKEY_TEST_DATABASE_URL!] : []),
        '--concurrency',
        '2',
        '--logins',
        '6',
        '--signups',
        '3',
        '--session-checks',
        '6',
        '--crypto-duration',
        '100ms',
        '--results-dir',
        resultsDir,
        '--json',
      ]);
      assert.equal(run.code, 0, `exit code ${run.code}:\n${run.stderr}`);
      const report = JSON.parse(run.stdout) as CompareJson;
      const seen = report.phases.map((p) => `${p.scenario} ${p.target}`).sort();
      assert.deepEqual(seen, [
        'login better-auth',
        'login latchkey',
        'session-check better-auth',
        'session-check latchkey',
        'sign-up better-auth',
        'sign-up latchkey',
      ]);
      for (const phase of report.phases) {
        assert.equal(phase.database, kind);
        assert.equal(phase.errors, 0, `failed: ${phase.errorSamples.join('\n')}`);
        assert.ok(phase.ceremonies > 0 && phase.perSecond > 0);
        assert.ok(phase.latencyMs.p99 >= phase.latencyMs.p95);
        assert.ok(phase.latencyMs.p95 >= phase.latencyMs.p50);
        assert.ok(phase.serverPeakRssMiB > 0, 'no server memory sampled');
      }
      assert.deepEqual(
        report.cryptoShare.map((s) => [s.database, s.clients]),
        [[kind, 2]],
      );
      assert.deepEqual(
        report.peakMemoryMiB.map((m) => m.process),
        ['latchkey', 'resource server', 'better-auth'],
      );
      const written = JSON.parse(
        readFileSync(path.join(resultsDir, 'compare-latest.json'), 'utf8'),
      );
      assert.equal(written.phases.length, 6);
      const markdown = readFileSync(path.join(resultsDir, 'compare-latest.md'), 'utf8');
      assert.match(
        markdown,
        new RegExp(`^\\| ${kind} \\| login \\| 2 \\| \\d+ \\| \\d+ \\| [\\d.]+× \\|`, 'm'),
      );
      assert.match(markdown, /Crypto ceiling/);
    } finally {
      rmSync(resultsDir, { recursive: true, force: true });
    }
  });
});

test('bench/passkey-logins.ts --help explains the flags, and a bad flag is refused', async () => {
  const help = await runBench(['--help']);
  assert.equal(help.code, 0);
  for (const flag of [
    '--database',
    '--concurrency',
    '--duration',
    '--url',
    '--json',
    '--compare',
  ]) {
    assert.ok(help.stdout.includes(flag), `--help does not mention ${flag}`);
  }
  const bad = await runBench(['--duration', 'soon']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--duration: "soon" is not a duration/);
});
