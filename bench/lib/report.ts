import type { CryptoCeiling } from './crypto-ceiling.js';
import type { LatencySummary } from './latency.js';

/** One phase's figures, as printed and as written with --json. */
export interface PhaseResult {
  database: string;
  clients: number;
  loginsPerSecond: number;
  completed: number;
  errors: number;
  errorSamples: string[];
  /** Full ceremony (login/start → authenticator → login/finish), ms. */
  latencyMs: LatencySummary;
  /** login/start alone and login/finish alone, ms. */
  startP50Ms: number;
  finishP50Ms: number;
  /** CPU used during the phase, in % of one core (undefined when it cannot be read). */
  serverCpuPercent: number | undefined;
  generatorCpuPercent: number;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
}

export interface BenchReport {
  command: string;
  machine: MachineInfo;
  settings: Record<string, unknown>;
  crypto: CryptoCeiling | undefined;
  /** Latency of the first login on each database, alone before the load (creates the signing key). */
  firstLogins: { database: string; ms: number }[];
  results: PhaseResult[];
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

/** A plain-text table, columns right-aligned except the first. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The human-readable report: results table, crypto ceiling, machine and command. */
export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  out.push(
    table(
      [
        'database',
        'clients',
        'logins/s',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'start p50',
        'finish p50',
        'errors',
        'server CPU',
        'generator CPU',
      ],
      report.results.map((r) => [
        r.database,
        String(r.clients),
        fixed(r.loginsPerSecond, 0),
        fixed(r.latencyMs.p50, 1),
        fixed(r.latencyMs.p90, 1),
        fixed(r.latencyMs.p99, 1),
        fixed(r.latencyMs.max, 1),
        fixed(r.startP50Ms, 1),
        fixed(r.finishP50Ms, 1),
        String(r.errors),
        r.serverCpuPercent === undefined ? '–' : `${fixed(r.serverCpuPercent, 0)}%`,
        `${fixed(r.generatorCpuPercent, 0)}%`,
      ]),
    ),
  );
  for (const r of report.results) {
    for (const sample of r.errorSamples)
      out.push(`  error (${r.database}, ${r.clients} clients): ${sample}`);
  }
  for (const first of report.firstLogins) {
    out.push(`  first login (${first.database}, alone, before the load): ${fixed(first.ms, 0)} ms`);
  }
  if (report.crypto) {
    const c = report.crypto;
    out.push(
      '',
      'Crypto ceiling (one thread of this machine):',
      `  ES256 verify, node:crypto        ${fixed(c.es256VerifyPerSecond, 0)}/s`,
      `  ES256 verify, WebCrypto          ${fixed(c.es256WebCryptoVerifyPerSecond, 0)}/s   (as @simplewebauthn/server verifies)`,
      `  ${`${c.signatureAlgorithm} sign`.padEnd(32)} ${fixed(c.signPerSecond, 0)}/s`,
      `  one verify + one sign per login  ${fixed(c.loginsPerSecondPerCore, 0)} logins/s per core`,
    );
  }
  const m = report.machine;
  out.push(
    '',
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), Node.js ${m.node}, ${m.platform}`,
    `Command: ${report.command}`,
  );
  const goal = report.results.find((r) => r.database === 'sqlite' && r.clients === 64);
  if (goal) {
    const met = goal.loginsPerSecond >= 1000 && goal.latencyMs.p99 < 100 && goal.errors === 0;
    out.push(
      `Goal (SQLite, 64 clients: ≥ 1,000 logins/s, p99 < 100 ms, no errors): ${met ? 'met' : 'not met'}`,
    );
  }
  return `${out.join('\n')}\n`;
}
