import type { CryptoCeiling } from '../crypto-ceiling.js';
import type { MachineInfo } from '../report.js';
import type { CompareOutcome, ComparePhase, Scenario } from './compare-run.js';

export interface CompareReport extends CompareOutcome {
  command: string;
  date: string;
  commit: string | undefined;
  machine: MachineInfo;
  /** os.loadavg() (1, 5, 15 min) when the run started and ended: other load on the machine. */
  loadAverage: { start: number[]; end: number[] };
  settings: Record<string, unknown>;
  crypto: CryptoCeiling | undefined;
  /** Latchkey's logins per second as a share of the crypto ceiling, per database and clients. */
  cryptoShare: { database: string; clients: number; share: number }[];
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

const scenarioLabel: Record<Scenario, string> = {
  'sign-up': 'sign-up',
  login: 'login',
  'session-check': 'session check',
};

interface Row {
  database: string;
  scenario: Scenario;
  clients: number;
  latchkey: ComparePhase | undefined;
  peer: ComparePhase | undefined;
}

/** Pairs each Latchkey phase with the peer's phase of the same database, scenario and clients. */
export function pairPhases(phases: ComparePhase[]): Row[] {
  const rows: Row[] = [];
  for (const phase of phases) {
    let row = rows.find(
      (r) =>
        r.database === phase.database &&
        r.scenario === phase.scenario &&
        r.clients === phase.clients,
    );
    if (!row) {
      row = {
        database: phase.database,
        scenario: phase.scenario,
        clients: phase.clients,
        latchkey: undefined,
        peer: undefined,
      };
      rows.push(row);
    }
    if (phase.target === 'latchkey') row.latchkey = phase;
    else row.peer = phase;
  }
  return rows;
}

const header = [
  'database',
  'scenario',
  'clients',
  'Latchkey /s',
  'Better Auth /s',
  'ratio',
  'Latchkey p50/p95/p99 ms',
  'Better Auth p50/p95/p99 ms',
  'Latchkey RSS MiB',
  'Better Auth RSS MiB',
  'server CPU ms/op',
  'errors',
];

/**
 * The server's CPU time per ceremony (ms): less sensitive to other load on the machine than
 * throughput, which drops whenever the server gets less than the cores it could use.
 */
const cpuPerOp = (p: ComparePhase | undefined) =>
  p?.serverCpuPercent === undefined ? undefined : (p.serverCpuPercent * 10) / p.perSecond;

function cells(row: Row): string[] {
  const lat = (p: ComparePhase | undefined) =>
    p
      ? `${fixed(p.latencyMs.p50, 1)} / ${fixed(p.latencyMs.p95, 1)} / ${fixed(p.latencyMs.p99, 1)}`
      : '–';
  const ratio =
    row.latchkey && row.peer && row.peer.perSecond > 0
      ? `${(row.latchkey.perSecond / row.peer.perSecond).toFixed(1)}×`
      : '–';
  return [
    row.database,
    scenarioLabel[row.scenario],
    String(row.clients),
    fixed(row.latchkey?.perSecond, 0),
    fixed(row.peer?.perSecond, 0),
    ratio,
    lat(row.latchkey),
    lat(row.peer),
    fixed(row.latchkey?.serverPeakRssMiB, 0),
    fixed(row.peer?.serverPeakRssMiB, 0),
    `${fixed(cpuPerOp(row.latchkey), 2)} / ${fixed(cpuPerOp(row.peer), 2)}`,
    `${row.latchkey?.errors ?? 0} / ${row.peer?.errors ?? 0}`,
  ];
}

function cryptoLines(report: CompareReport): string[] {
  const c = report.crypto;
  if (!c) return [];
  const lines = [
    `Crypto ceiling (one thread): ES256 verify ${c.es256VerifyPerSecond.toFixed(0)}/s (node:crypto), ${c.es256WebCryptoVerifyPerSecond.toFixed(0)}/s (WebCrypto); ${c.signatureAlgorithm} sign ${c.signPerSecond.toFixed(0)}/s; one verify + one sign per login: ${c.loginsPerSecondPerCore.toFixed(0)} logins/s per core.`,
  ];
  for (const s of report.cryptoShare) {
    lines.push(
      `Latchkey login, ${s.database}, ${s.clients} clients: ${(s.share * 100).toFixed(0)}% of the ceiling.`,
    );
  }
  return lines;
}

/** The results as a Markdown table plus the crypto ceiling, memory and the command. */
export function formatCompareMarkdown(report: CompareReport): string {
  const rows = pairPhases(report.phases);
  const out = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_h, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${cells(row).join(' | ')} |`),
    '',
    ...cryptoLines(report).map((l) => `- ${l}`),
    `- Peak RSS over each process's life (VmHWM): ${report.peakMemoryMiB.map((m) => `${m.process} (${m.database}) ${fixed(m.hwmMiB, 0)} MiB`).join(', ')}.`,
    `- Load average (1/5/15 min) at the start ${report.loadAverage.start.map((l) => l.toFixed(1)).join(' / ')}, at the end ${report.loadAverage.end.map((l) => l.toFixed(1)).join(' / ')}: above ${report.machine.cpus}, other processes competed for the cores.`,
    `- Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, Node.js ${report.machine.node}, ${report.machine.platform}; ${report.date}${report.commit ? `, commit ${report.commit}` : ''}.`,
    '',
    '```sh',
    report.command,
    '```',
    '',
  ];
  return out.join('\n');
}

/** The same as aligned plain text, for the terminal. */
export function formatCompareText(report: CompareReport): string {
  const rows = pairPhases(report.phases).map(cells);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) =>
    c.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...cryptoLines(report),
    `Peak RSS (VmHWM): ${report.peakMemoryMiB.map((m) => `${m.process} (${m.database}) ${fixed(m.hwmMiB, 0)} MiB`).join(', ')}`,
    '',
  ].join('\n');
}
