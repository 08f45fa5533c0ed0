import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLatchkeyProcess } from '../latchkey-process.js';
import { type LatencySummary, summariseLatencies } from '../latency.js';
import { createPostgresSchema, type PostgresSchema } from '../postgres-schema.js';
import { ownCpuMs, processTreeCpuMs } from '../process-cpu.js';
import { type ChildServer, startChildServer } from './child-server.js';
import { MemorySampler, peakHwmMiB } from './memory.js';
import { runFixed } from './run-fixed.js';
import {
  BetterAuthTarget,
  type CeremonyTarget,
  type CompareUser,
  LatchkeyTarget,
} from './targets.js';

export type Scenario = 'sign-up' | 'login' | 'session-check';
export const scenarios: Scenario[] = ['sign-up', 'login', 'session-check'];

export interface CompareSettings {
  databases: ('sqlite' | 'postgres')[];
  postgresUrl: string | undefined;
  concurrency: number[];
  /** Measured ceremonies per phase, by scenario. */
  ceremonies: Record<Scenario, number>;
  serverLogLevel: string;
  serverNodeArgs: string[];
  peerNodeArgs: string[];
  keepData: boolean;
}

/** One phase: one target, one scenario, one client count. */
export interface ComparePhase {
  database: 'sqlite' | 'postgres';
  scenario: Scenario;
  clients: number;
  target: CeremonyTarget['name'];
  ceremonies: number;
  perSecond: number;
  latencyMs: LatencySummary;
  errors: number;
  errorSamples: string[];
  /** CPU of the process that served the scenario, % of one core. */
  serverCpuPercent: number | undefined;
  generatorCpuPercent: number;
  /** Largest sampled VmRSS of the process that served the scenario, MiB. */
  serverPeakRssMiB: number | undefined;
}

export interface CompareOutcome {
  phases: ComparePhase[];
  /** VmHWM (peak RSS over its whole life) of each server process at the end, MiB. */
  peakMemoryMiB: { database: string; process: string; hwmMiB: number | undefined }[];
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const peerScript = fileURLToPath(new URL('../../peers/better-auth/server.ts', import.meta.url));
const resourceScript = fileURLToPath(new URL('./resource-server.ts', import.meta.url));

/** A target with its processes: `servers.<scenario>` is the pid that serves the scenario. */
interface Side {
  target: CeremonyTarget;
  users: CompareUser[];
  pidFor(scenario: Scenario): number;
  processes: { name: string; pid: number }[];
  stop(): Promise<void>;
}

async function startLatchkeySide(
  settings: CompareSettings,
  database: 'sqlite' | 'postgres',
): Promise<Side> {
  const server = await startLatchkeyProcess({
    database,
    postgresUrl: settings.postgresUrl,
    logLevel: settings.serverLogLevel,
    nodeArgs: settings.serverNodeArgs,
    workers: 1,
    keepData: settings.keepData,
  });
  log(`${database}: latchkey on ${server.baseUrl} (pid ${server.pid})`);
  let resource: ChildServer | undefined;
  try {
    resource = await startChildServer('resource server', resourceScript, {
      RESOURCE_JWKS_URL: `${server.baseUrl}/.well-known/jwks`,
      RESOURCE_PROJECT_ID: server.projectId,
      // The session token's iss: the server's public URL (no Frontend API URL configured).
      RESOURCE_ISSUER: server.origin,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const target = new LatchkeyTarget(
    {
      baseUrl: server.baseUrl,
      projectId: server.projectId,
      apiSecret: server.apiSecret,
      origin: server.origin,
      tag: randomBytes(4).toString('hex'),
    },
    resource.banner.listening!,
  );
  return {
    target,
    users: [],
    pidFor: (scenario) => (scenario === 'session-check' ? resource!.pid : server.pid),
    processes: [
      { name: 'latchkey', pid: server.pid },
      { name: 'resource server', pid: resource.pid },
    ],
    async stop() {
      target.close();
      await resource!.stop();
      await server.stop();
    },
  };
}

async function startPeerSide(
  settings: CompareSettings,
  database: 'sqlite' | 'postgres',
): Promise<Side> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'better-auth-bench-'));
  let schema: PostgresSchema | undefined;
  const env: NodeJS.ProcessEnv = { PEER_DATABASE: database };
  if (database === 'postgres') {
    schema = await createPostgresSchema(settings.postgresUrl!);
    env.PEER_DATABASE_URL = schema.databaseUrl;
  } else {
    env.PEER_SQLITE_FILE = path.join(dataDir, 'auth.db');
  }
  const cleanup = async () => {
    await schema?.drop();
    if (!settings.keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  let peer: ChildServer;
  try {
    peer = await startChildServer('better-auth', peerScript, env, settings.peerNodeArgs, dataDir);
  } catch (error) {
    await cleanup();
    throw error;
  }
  log(`${database}: better-auth on ${peer.banner.listening} (pid ${peer.pid})`);
  const target = new BetterAuthTarget(peer.banner.listening!, peer.banner.origin!);
  return {
    target,
    users: [],
    pidFor: () => peer.pid,
    processes: [{ name: 'better-auth', pid: peer.pid }],
    async stop() {
      target.close();
      await peer.stop();
      await cleanup();
    },
  };
}

/** Runs one phase of `scenario` on one side and measures it. */
async function runPhase(
  database: 'sqlite' | 'postgres',
  side: Side,
  scenario: Scenario,
  clients: number,
  count: number,
): Promise<ComparePhase> {
  const { target, users } = side;
  // Client i of n takes users i, i + n, …: no user is in two ceremonies at once, so every
  // authenticator's sign counter only goes up.
  // Session checks change nothing, so clients may share a user when fewer users have one.
  const pool =
    scenario === 'session-check'
      ? users.filter((u) => u.sessionToken !== undefined || u.jar !== undefined)
      : users;
  const groups = scenario === 'session-check' ? Math.min(clients, pool.length) : clients;
  if (scenario !== 'sign-up' && pool.length < groups) {
    throw new Error(
      `${scenario} with ${clients} clients needs ${groups} users, have ${pool.length}`,
    );
  }
  const shares = Array.from({ length: clients }, (_v, client) =>
    pool.filter((_u, i) => i % groups === client % groups),
  );
  const turns = new Array<number>(clients).fill(0);
  const userFor = (client: number) => {
    const share = shares[client]!;
    const turn = turns[client]!;
    turns[client] = turn + 1;
    return share[turn % share.length]!;
  };
  const ceremony =
    scenario === 'sign-up'
      ? async () => {
          users.push(await target.signUp());
        }
      : scenario === 'login'
        ? (client: number) => target.login(userFor(client))
        : (client: number) => target.checkSession(userFor(client));

  // Unmeasured warm-up: a tenth of the count (at least two rounds of the clients), at the same
  // concurrency, so the phase starts on open connections and warm code.
  await runFixed(clients, Math.max(2 * clients, Math.ceil(count / 10)), ceremony);

  const pid = side.pidFor(scenario);
  const sampler = new MemorySampler([pid]);
  const cpuBefore = processTreeCpuMs(pid);
  const ownBefore = ownCpuMs();
  sampler.start();
  const outcome = await runFixed(clients, count, ceremony);
  const peakRss = sampler.stop();
  const cpuAfter = processTreeCpuMs(pid);
  const percent = (ms: number) => (ms / outcome.wallMs) * 100;
  return {
    database,
    scenario,
    clients,
    target: target.name,
    ceremonies: outcome.completed,
    perSecond: (outcome.completed * 1000) / outcome.wallMs,
    latencyMs: summariseLatencies(outcome.latencies),
    errors: outcome.errors,
    errorSamples: outcome.errorSamples,
    serverCpuPercent:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : percent(cpuAfter - cpuBefore),
    generatorCpuPercent: percent(ownCpuMs() - ownBefore),
    serverPeakRssMiB: peakRss,
  };
}

/**
 * The compare mode: per database, Latchkey and Better Auth side by side; per scenario and
 * client count, one phase on each, alternating which goes first, so that drift in the
 * machine's load falls on both. Sign-up runs first: the users it creates are the ones that log
 * in, and the sessions the logins issue are the ones checked.
 */
export async function runCompare(settings: CompareSettings): Promise<CompareOutcome> {
  const phases: ComparePhase[] = [];
  const peakMemoryMiB: CompareOutcome['peakMemoryMiB'] = [];
  let flip = false;
  for (const database of settings.databases) {
    const sides: Side[] = [];
    try {
      sides.push(await startLatchkeySide(settings, database));
      sides.push(await startPeerSide(settings, database));
      for (const scenario of scenarios) {
        for (const clients of settings.concurrency) {
          const order = flip ? [...sides].reverse() : sides;
          flip = !flip;
          for (const side of order) {
            const count = settings.ceremonies[scenario];
            log(`${database}: ${side.target.name}: ${scenario}, ${clients} clients, ${count} …`);
            const phase = await runPhase(database, side, scenario, clients, count);
            phases.push(phase);
            log(
              `${database}: ${side.target.name}: ${scenario}, ${clients} clients: ${phase.perSecond.toFixed(0)}/s, p50 ${phase.latencyMs.p50.toFixed(1)} ms, p99 ${phase.latencyMs.p99.toFixed(1)} ms, ${phase.errors} errors`,
            );
            for (const sample of phase.errorSamples) log(`  error: ${sample}`);
          }
        }
      }
      for (const side of sides) {
        for (const { name, pid } of side.processes) {
          peakMemoryMiB.push({ database, process: name, hwmMiB: peakHwmMiB([pid]) });
        }
      }
    } finally {
      for (const side of sides) await side.stop();
    }
  }
  return { phases, peakMemoryMiB };
}
