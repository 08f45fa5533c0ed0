import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `latchkey` bin, run as a user would: `node packages/server/bin/latchkey.js …`. */
export const latchkeyBin = fileURLToPath(new URL('../../bin/latchkey.js', import.meta.url));

/** How a finished child process ended and what it wrote. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Extra environment (e.g. a `TestDatabaseLocation.env`); `LATCHKEY_*` from the parent is dropped. */
  env?: Record<string, string | undefined>;
  /** Working directory; default a fresh temporary directory, so `./.latchkey` never lands in the repo. */
  cwd?: string;
  /** The child is SIGKILLed and the promise rejects after this long. Default 60 s. */
  timeoutMs?: number;
}

const running = new Set<ChildProcess>();
// A failed assertion must not leave servers behind: kill whatever is still running when the
// test file's process exits.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

let defaultCwd: string | undefined;
function scratchDir(): string {
  defaultCwd ??= mkdtempSync(path.join(tmpdir(), 'latchkey-cli-'));
  return defaultCwd;
}

/**
 * The environment for a child: the parent's, minus every `LATCHKEY_*` setting and the test
 * runner's own variables (so the child is configured only by what the test passes), plus `env`.
 */
export function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  // The User store listener's default port (8443) would collide between parallel tests.
  const base: NodeJS.ProcessEnv = { LATCHKEY_USERSTORE_PORT: '0' };
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('LATCHKEY_') || key.startsWith('NODE_TEST') || key === 'NODE_OPTIONS') {
      continue;
    }
    base[key] = value;
  }
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

function spawnLatchkey(args: string[], options: RunOptions): ChildProcess {
  const child = spawn(process.execPath, [latchkeyBin, ...args], {
    cwd: options.cwd ?? scratchDir(),
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  // A child never keeps the test process alive by itself (a test waits on it through
  // promises and timers). If a failed test leaves a server behind, the test process still
  // ends, and the exit hook above kills the server.
  child.unref();
  (child.stdout as { unref?: () => void } | null)?.unref?.();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  return child;
}

function describeRun(args: string[], result: Omit<CliResult, 'code' | 'signal'>): string {
  return `latchkey ${args.join(' ')}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** Runs `latchkey ARGS…` to completion and returns its exit code and output. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const child = spawnLatchkey(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`timed out after ${timeoutMs} ms: ${describeRun(args, { stdout, stderr })}`),
      );
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs `latchkey ARGS… --json`-style commands: asserts exit 0 and parses stdout as one JSON document. */
export async function runCliJson<T = Record<string, unknown>>(
  args: string[],
  options: RunOptions = {},
): Promise<T> {
  const result = await runCli(args, options);
  if (result.code !== 0) {
    throw new Error(`exit code ${result.code}: ${describeRun(args, result)}`);
  }
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document: ${describeRun(args, result)}`);
  }
}

/** A `latchkey start` child that has printed its start-up banner. */
export interface StartedServer {
  child: ChildProcess;
  /** `http://HOST:PORT` from the `Latchkey listening on …` line. */
  listenUrl: string;
  port: number;
  /** Base URL to send requests to: the listen URL, with a wildcard host replaced by loopback. */
  baseUrl: string;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the output matches `pattern` (stdout or stderr); rejects on timeout or exit. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves once the process has exited. */
  exited: Promise<CliResult>;
  /** Sends `signal` and waits for the exit; SIGKILLs and rejects after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<CliResult>;
}

export interface StartOptions extends RunOptions {
  /** How long to wait for the banner. Default 60 s. */
  startTimeoutMs?: number;
}

const listeningLine = /Latchkey listening on (http:\/\/(\[[^\]]+\]|[^\s:/]+):(\d+))/;

/**
 * Starts `latchkey start --port 0 ARGS…` and waits for the banner: the
 * `Latchkey listening on http://HOST:PORT` line and the curl line that ends it.
 */
export async function startLatchkey(
  args: string[] = [],
  options: StartOptions = {},
): Promise<StartedServer> {
  const fullArgs = ['start', '--port', '0', ...args];
  const child = spawnLatchkey(fullArgs, options);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    notify();
  });
  let exitResult: CliResult | undefined;
  const exited = new Promise<CliResult>((resolve) => {
    child.once('close', (code, signal) => {
      exitResult = { code, signal, stdout, stderr };
      notify();
      resolve(exitResult);
    });
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout) ?? pattern.exec(stderr);
        if (match) {
          done();
          resolve(match);
        } else if (exitResult) {
          done();
          reject(
            new Error(
              `latchkey exited (code ${exitResult.code}, signal ${exitResult.signal}) before printing ${pattern}: ${describeRun(fullArgs, exitResult)}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `no ${pattern} within ${timeoutMs} ms: ${describeRun(fullArgs, { stdout, stderr })}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000) => {
    if (exitResult) return exitResult;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`latchkey did not exit within ${timeoutMs} ms of ${signal}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  let listening: RegExpMatchArray;
  try {
    listening = await waitForOutput(listeningLine, startTimeoutMs);
    // The banner ends with the curl line; wait for it so callers see the whole banner.
    await waitForOutput(/curl -u \S+ \S+/, startTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const listenUrl = listening[1]!;
  const host = listening[2]!;
  const port = Number(listening[3]);
  const reachableHost = host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host;
  return {
    child,
    listenUrl,
    port,
    baseUrl: `http://${reachableHost}:${port}`,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput,
    exited,
    stop,
  };
}

/** What the human-readable start banner says. */
export interface StartBanner {
  listenUrl: string;
  backendApiUrl: string;
  frontendApiUrl: string;
  projectId: string;
  /** Only on the start that created the default project. */
  apiSecret: string | undefined;
  data: string;
  metricsUrl: string | undefined;
  curl: { projectId: string; secret: string; url: string };
}

/** Reads the human-readable start banner (throws naming the missing line). */
export function parseStartBanner(stdout: string): StartBanner {
  const find = (label: string, pattern: RegExp): RegExpExecArray => {
    const match = pattern.exec(stdout);
    if (!match) throw new Error(`the start banner has no ${label} line:\n${stdout}`);
    return match;
  };
  // The secret may be a placeholder with a space in it (`<API secret>`) after the first start.
  const curl = find('curl', /^\s*curl -u ([^:\s]+):(.+?) (https?:\/\/\S+)\s*$/m);
  return {
    listenUrl: find('listening', listeningLine)[1]!,
    backendApiUrl: find('Backend API', /^\s*Backend API\s+(\S+)/m)[1]!,
    frontendApiUrl: find('Frontend API', /^\s*Frontend API\s+(\S+)/m)[1]!,
    projectId: find('Project ID', /^\s*Project ID\s+(\S+)/m)[1]!,
    apiSecret: /^\s*API secret\s+(corbado1_\S+)/m.exec(stdout)?.[1],
    data: find('Data', /^\s*Data\s+(.+)$/m)[1]!.trim(),
    metricsUrl: /^\s*Metrics\s+(\S+)/m.exec(stdout)?.[1],
    curl: { projectId: curl[1]!, secret: curl[2]!, url: curl[3]! },
  };
}

/** `Authorization` header value for HTTP Basic. */
export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
