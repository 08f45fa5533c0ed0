// The passkey login load generator (issue 4). See bench/README.md.
//
//   npm run bench -- --concurrency 16,64 --duration 10s
//
// Starts `latchkey start` on a fresh SQLite directory and/or PostgreSQL schema (or uses --url),
// creates users with one passkey each through the Backend API, then runs one phase per
// concurrency level: closed-loop clients that each repeat login/start → software
// authenticator → login/finish. Prints logins per second, latency percentiles per ceremony,
// CPU used by server and generator, and the crypto ceiling of this machine.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSigningAlgorithm } from '../packages/server/src/core/keys/signing-keys.js';
import { createClientPool } from './lib/client-pool.js';
import {
  type CompareReport,
  formatCompareMarkdown,
  formatCompareText,
} from './lib/compare/compare-report.js';
import { runCompare } from './lib/compare/compare-run.js';
import { type CryptoCeiling, measureCryptoCeiling } from './lib/crypto-ceiling.js';
import { type LatchkeyProcess, startLatchkeyProcess } from './lib/latchkey-process.js';
import { summariseLatencies } from './lib/latency.js';
import type { DriverSettings } from './lib/login-driver.js';
import { type BenchOptions, parseOptions, usage } from './lib/options.js';
import { ownCpuMs, processTreeCpuMs } from './lib/process-cpu.js';
import { type BenchReport, formatReport, type PhaseResult } from './lib/report.js';

/** Quotes an argument for a POSIX shell when it needs it, so the printed command can be rerun. */
const shellQuote = (arg: string) =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Where the load goes: a server this run started, or one given with --url. */
interface Target {
  label: string;
  settings: Omit<DriverSettings, 'signPasskeyData' | 'tag'>;
  serverPid: number | undefined;
  stop(): Promise<void>;
}

async function startTarget(
  options: BenchOptions,
  database: 'sqlite' | 'postgres',
): Promise<Target> {
  log(`${database}: starting latchkey …`);
  const server: LatchkeyProcess = await startLatchkeyProcess({
    database,
    postgresUrl: options.postgresUrl,
    logLevel: options.serverLogLevel,
    nodeArgs: options.serverNodeArgs,
    workers: options.serverWorkers,
    keepData: options.keepData,
  });
  log(`${database}: listening on ${server.baseUrl} (pid ${server.pid}, data ${server.dataDir})`);
  return {
    label: database,
    settings: {
      baseUrl: server.baseUrl,
      projectId: server.projectId,
      apiSecret: server.apiSecret,
      origin: server.origin,
    },
    serverPid: server.pid,
    stop: async () => {
      await server.stop();
      if (options.keepData) log(`${database}: server log in ${server.logFile}`);
    },
  };
}

async function benchTarget(
  options: BenchOptions,
  target: Target,
  firstLogins: BenchReport['firstLogins'],
): Promise<PhaseResult[]> {
  const pool = createClientPool(
    {
      ...target.settings,
      signPasskeyData: options.signPasskeyData,
      tag: randomBytes(4).toString('hex'),
    },
    options.clientWorkers,
  );
  const results: PhaseResult[] = [];
  try {
    const setupStart = performance.now();
    let lastReport = 0;
    // As many connections as the largest phase has clients, so that every phase starts on open
    // keep-alive connections (a burst of new connections would be measured too).
    await pool.setupUsers(options.users, Math.max(...options.concurrency), (done) => {
      if (done === options.users || performance.now() - lastReport > 2000) {
        lastReport = performance.now();
        log(`${target.label}: users with a passkey: ${done}/${options.users}`);
      }
    });
    log(
      `${target.label}: set up ${options.users} users in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
    );
    // The first login creates what the server makes lazily (the passkey-data signing key);
    // done alone here, so that the phases measure the steady state.
    const firstLoginMs = await pool.firstLogin();
    log(`${target.label}: first login (alone) took ${firstLoginMs.toFixed(0)} ms`);
    firstLogins.push({ database: target.label, ms: firstLoginMs });

    for (const clients of options.concurrency) {
      log(
        `${target.label}: ${clients} clients: warm-up ${options.warmupMs / 1000} s, then measuring ${options.durationMs / 1000} s …`,
      );
      // CPU over the whole phase (warm-up included) divided by its wall time: an average.
      const serverCpuBefore = target.serverPid ? processTreeCpuMs(target.serverPid) : undefined;
      const ownCpuBefore = ownCpuMs();
      const wallStart = performance.now();
      const outcome = await pool.runPhase({
        clients,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
      });
      const wallMs = performance.now() - wallStart;
      const serverCpuAfter = target.serverPid ? processTreeCpuMs(target.serverPid) : undefined;
      const percent = (cpuMs: number) => (cpuMs / wallMs) * 100;
      const latency = summariseLatencies(outcome.latencies);
      const result: PhaseResult = {
        database: target.label,
        clients,
        loginsPerSecond: (outcome.completed * 1000) / outcome.measuredMs,
        completed: outcome.completed,
        errors: outcome.errors,
        errorSamples: outcome.errorSamples,
        latencyMs: latency,
        startP50Ms: summariseLatencies(outcome.startLatencies).p50,
        finishP50Ms: summariseLatencies(outcome.finishLatencies).p50,
        serverCpuPercent:
          serverCpuBefore === undefined || serverCpuAfter === undefined
            ? undefined
            : percent(serverCpuAfter - serverCpuBefore),
        generatorCpuPercent: percent(ownCpuMs() - ownCpuBefore),
      };
      results.push(result);
      log(
        `${target.label}: ${clients} clients: ${result.loginsPerSecond.toFixed(0)} logins/s, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, ${result.errors} errors`,
      );
      for (const sample of outcome.errorSamples) log(`  error: ${sample}`);
    }
  } finally {
    await pool.close();
  }
  return results;
}

const commandLine = () =>
  ['node --import tsx bench/passkey-logins.ts', ...process.argv.slice(2).map(shellQuote)].join(' ');

function machineInfo(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

/** --compare: Latchkey and Better Auth side by side (bench/lib/compare/). */
async function compare(
  options: BenchOptions,
  crypto: CryptoCeiling | undefined,
  loadAtStart: number[],
): Promise<number> {
  const outcome = await runCompare({
    databases: options.databases,
    postgresUrl: options.postgresUrl,
    concurrency: options.concurrency,
    ceremonies: {
      'sign-up': options.signups,
      login: options.logins,
      'session-check': options.sessionChecks,
    },
    serverLogLevel: options.serverLogLevel,
    serverNodeArgs: options.serverNodeArgs,
    peerNodeArgs: options.peerNodeArgs,
    keepData: options.keepData,
  });
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
  const report: CompareReport = {
    command: commandLine(),
    date: new Date().toISOString(),
    commit,
    machine: machineInfo(),
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    settings: {
      concurrency: options.concurrency,
      logins: options.logins,
      signups: options.signups,
      sessionChecks: options.sessionChecks,
      serverLogLevel: options.serverLogLevel,
    },
    crypto,
    cryptoShare: crypto
      ? outcome.phases
          .filter((p) => p.target === 'latchkey' && p.scenario === 'login')
          .map((p) => ({
            database: p.database,
            clients: p.clients,
            share: p.perSecond / crypto.loginsPerSecondPerCore,
          }))
      : [],
    ...outcome,
  };
  if (options.resultsDir !== '') {
    mkdirSync(options.resultsDir, { recursive: true });
    const json = path.join(options.resultsDir, 'compare-latest.json');
    const markdown = path.join(options.resultsDir, 'compare-latest.md');
    writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(markdown, formatCompareMarkdown(report));
    log(`results in ${json} and ${markdown}`);
  }
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : formatCompareText(report),
  );
  const failed = outcome.phases.reduce((n, p) => n + p.errors, 0);
  if (failed > 0) {
    log(`${failed} ceremonies failed`);
    return 1;
  }
  return 0;
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env, defaultSigningAlgorithm);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(usage);
    return 0;
  }

  const loadAtStart = os.loadavg();
  let crypto: CryptoCeiling | undefined;
  if (options.cryptoMs > 0) {
    log(
      `crypto ceiling: ES256 verify and ${options.signatureAlgorithm} sign, ${options.cryptoMs} ms each …`,
    );
    crypto = await measureCryptoCeiling(options.signatureAlgorithm, options.cryptoMs);
  }

  if (options.compare) {
    if (!options.databases.includes('postgres')) {
      log('PostgreSQL: no --postgres-url or LATCHKEY_TEST_DATABASE_URL given, so SQLite only');
    }
    return compare(options, crypto, loadAtStart);
  }

  const results: PhaseResult[] = [];
  const firstLogins: BenchReport['firstLogins'] = [];
  const targets = options.url ? ['url' as const] : options.databases;
  for (const which of targets) {
    const target: Target =
      which === 'url'
        ? {
            label: 'url',
            settings: {
              baseUrl: options.url!,
              projectId: options.projectId!,
              apiSecret: options.apiSecret!,
              origin: options.origin!,
            },
            serverPid: undefined,
            stop: async () => {},
          }
        : await startTarget(options, which);
    try {
      results.push(...(await benchTarget(options, target, firstLogins)));
    } finally {
      await target.stop();
    }
  }

  const report: BenchReport = {
    command: commandLine(),
    machine: machineInfo(),
    settings: {
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
      users: options.users,
      clientWorkers: options.clientWorkers,
      signPasskeyData: options.signPasskeyData,
      serverLogLevel: options.url ? undefined : options.serverLogLevel,
      serverWorkers: options.url ? undefined : options.serverWorkers,
    },
    crypto,
    firstLogins,
    results,
  };
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report),
  );
  const failed = results.reduce((n, r) => n + r.errors, 0);
  if (failed > 0) {
    log(`${failed} ceremonies failed`);
    return 1;
  }
  return 0;
}

// Ctrl-C: the exit handler in latchkey-process.ts kills the started server. (Its PostgreSQL
// schema, lk_bench_…, stays behind then; a run that ends normally drops it.)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`[bench] failed: ${(error as Error).message ?? error}\n`);
  process.exitCode = 1;
}
