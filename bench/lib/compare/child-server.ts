import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopWithParent } from '../stop-child.js';

/** A server child of the compare mode (the peer, the resource server), ready for requests. */
export interface ChildServer {
  pid: number;
  /** The first JSON line the child printed (it says where it listens). */
  banner: Record<string, string>;
  /** SIGTERM (so that --cpu-prof can write its profile), SIGKILL after 20 s. */
  stop(): Promise<void>;
}

/** tsx's loader, for children that run TypeScript sources. */
export const tsxImport = ['--import', fileURLToPath(import.meta.resolve('tsx/esm'))];

/**
 * Spawns `node [nodeArgs] script` with `env` and waits for its first stdout line that is a
 * JSON object (within 60 s). Its stderr goes to the generator's stderr, prefixed by nothing:
 * these servers only write there when something is wrong.
 */
export async function startChildServer(
  label: string,
  script: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
  cwd?: string,
): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...tsxImport, ...nodeArgs, script], {
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd,
  });
  const stopChild = stopWithParent(child);
  const banner = await new Promise<Record<string, string>>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error('no start-up line within 60 s')), 60_000);
    const onExit = (code: number | null) => fail(new Error(`exited with code ${code}`));
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.kill('SIGKILL');
      reject(new Error(`${label}: ${error.message}\n${stdout}`));
    };
    child.once('exit', onExit);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout
        .split('\n')
        .slice(0, -1)
        .find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      try {
        resolve(JSON.parse(line));
      } catch (error) {
        fail(error as Error);
      }
    });
  });
  return {
    pid: child.pid!,
    banner,
    async stop() {
      await stopChild();
    },
  };
}
