import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresSchema, type PostgresSchema } from './postgres-schema.js';
import { stopWithParent } from './stop-child.js';

/** The `latchkey` bin of this checkout (runs dist/ when built, else the sources through tsx). */
export const latchkeyBin = fileURLToPath(
  new URL('../../packages/server/bin/latchkey.js', import.meta.url),
);

export interface StartLatchkeyOptions {
  database: 'sqlite' | 'postgres';
  /** Base PostgreSQL URL; a new schema is created in it (and dropped on stop). */
  postgresUrl?: string | undefined;
  /** LATCHKEY_LOG_LEVEL for the server (its log goes to a file in its data directory). */
  logLevel: string;
  /** Extra node flags for the server process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/p']. */
  nodeArgs: string[];
  /** `latchkey start --workers N`: server processes sharing the port (1: no cluster). */
  workers: number;
  /** Keep the data directory (and its server.log) after stop. */
  keepData: boolean;
}

/** A `latchkey start` child with a fresh database, ready for requests. */
export interface LatchkeyProcess {
  child: ChildProcess;
  pid: number;
  /** Where to send requests, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  /** The public URL, which is also the default project's only origin (RP ID `localhost`). */
  origin: string;
  projectId: string;
  apiSecret: string;
  dataDir: string;
  logFile: string;
  /** Stops the server (SIGTERM, so `--cpu-prof` can write its profile) and removes its data. */
  stop(): Promise<void>;
}

interface StartBannerJson {
  listening: string;
  backendApiUrl: string;
  projectID: string;
  apiSecret?: string;
}

/**
 * Starts `latchkey start --port 0 --json` on a fresh SQLite data directory or a fresh
 * PostgreSQL schema and reads the project ID and API secret from its JSON banner.
 */
export async function startLatchkeyProcess(
  options: StartLatchkeyOptions,
): Promise<LatchkeyProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-bench-'));
  const logFile = path.join(dataDir, 'server.log');
  let schema: PostgresSchema | undefined;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('LATCHKEY_') && key !== 'NODE_OPTIONS' && !key.startsWith('NODE_TEST')) {
      env[key] = value;
    }
  }
  Object.assign(env, {
    LATCHKEY_DATA_DIR: dataDir,
    // The User store listener's default port (8443) would collide between servers.
    LATCHKEY_USERSTORE_PORT: '0',
    LATCHKEY_LOG_FORMAT: 'json',
    LATCHKEY_LOG_LEVEL: options.logLevel,
    NODE_ENV: 'production',
  });
  if (options.database === 'postgres') {
    if (!options.postgresUrl)
      throw new Error('PostgreSQL needs --postgres-url or LATCHKEY_TEST_DATABASE_URL');
    schema = await createPostgresSchema(options.postgresUrl);
    env.LATCHKEY_DATABASE_URL = schema.databaseUrl;
    env.LATCHKEY_MASTER_KEY = randomBytes(32).toString('base64');
  }
  const logFd = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      ...options.nodeArgs,
      latchkeyBin,
      'start',
      '--port',
      '0',
      '--json',
      '--workers',
      String(options.workers),
    ],
    { cwd: dataDir, env, stdio: ['ignore', 'pipe', logFd] },
  );
  closeSync(logFd);
  // However the generator ends, it must not leave a server behind.
  const stopChild = stopWithParent(child);
  const cleanup = async () => {
    await schema?.drop();
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  let banner: StartBannerJson;
  try {
    banner = await readBanner(child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    await cleanup();
    throw error;
  }
  if (!banner.apiSecret)
    throw new Error('the server did not print an API secret (not a fresh database?)');
  const listening = new URL(banner.listening);
  return {
    child,
    pid: child.pid!,
    baseUrl: `http://${listening.hostname === '0.0.0.0' ? '127.0.0.1' : listening.hostname}:${listening.port}`,
    origin: banner.backendApiUrl,
    projectId: banner.projectID,
    apiSecret: banner.apiSecret,
    dataDir,
    logFile,
    async stop() {
      await stopChild();
      await cleanup();
    },
  };
}

function readBanner(child: ChildProcess, logFile: string): Promise<StartBannerJson> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
    };
    const fail = (error: Error) => {
      if (settled) return;
      settle();
      let log = '';
      try {
        log = readFileSync(logFile, 'utf8').slice(-4000);
      } catch {}
      reject(new Error(`${error.message}\n--- stdout\n${stdout}\n--- server log\n${log}`));
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`latchkey exited (code ${code}, signal ${signal})`));
    const timer = setTimeout(() => fail(new Error('no start-up banner within 60 s')), 60_000);
    child.once('exit', onExit);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (settled) return;
      stdout += chunk;
      // Complete lines only: the last piece may be a line still being written.
      const line = stdout
        .split('\n')
        .slice(0, -1)
        .find((l) => l.startsWith('{'));
      if (!line) return;
      try {
        const banner = JSON.parse(line) as StartBannerJson;
        settle();
        resolve(banner);
      } catch (error) {
        fail(error as Error);
      }
    });
  });
}
