import cluster, { type Worker } from 'node:cluster';

/** What a worker tells the primary once it listens. */
export interface WorkerStartedMessage {
  type: 'latchkey:started';
  /** The start banner as the worker would print it. */
  banner: string;
  /** Whether this worker created the default project (its banner shows the API secret). */
  showsSecret: boolean;
}

export function isWorkerStartedMessage(value: unknown): value is WorkerStartedMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'latchkey:started'
  );
}

/** A worker that dies this soon after its start is not restarted again (it would loop). */
const crashLoopMs = 10_000;

/**
 * `latchkey start --workers N`: forks N copies of this command as cluster workers that share
 * the port; each is a complete, stateless Latchkey node on the same database. Prints one
 * banner when all listen (the one that carries the first start's API secret, if any), restarts
 * a worker that dies, and on SIGTERM/SIGINT stops them all gracefully.
 */
export async function runClusterPrimary(workers: number): Promise<void> {
  const banners: WorkerStartedMessage[] = [];
  const startedAt = new Map<number, number>();
  let stopping = false;
  let allStarted = false;

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on('message', (message: unknown) => {
      if (!isWorkerStartedMessage(message) || allStarted) return;
      banners.push(message);
      if (banners.length < workers) return;
      allStarted = true;
      const chosen = banners.find((banner) => banner.showsSecret) ?? banners[0];
      process.stdout.write(chosen?.banner ?? '');
      process.stderr.write(
        `${workers} worker processes share the port (pids ${Object.values(cluster.workers ?? {})
          .map((w) => w?.process.pid)
          .join(', ')})\n`,
      );
    });
    return worker;
  };

  let exitCode = 0;
  await new Promise<void>((resolve) => {
    const stopAll = (code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      const alive = Object.values(cluster.workers ?? {});
      for (const worker of alive) worker?.kill('SIGTERM');
      if (alive.length === 0) resolve();
    };
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve();
        return;
      }
      const how = signal ?? `code ${code}`;
      const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
      if (!allStarted || lived < crashLoopMs) {
        process.stderr.write(
          `latchkey: worker ${worker.process.pid} exited (${how}) ${allStarted ? 'right after starting' : 'before it listened'}; stopping\n`,
        );
        stopAll(1);
        return;
      }
      process.stderr.write(
        `latchkey: worker ${worker.process.pid} exited (${how}); starting a replacement\n`,
      );
      fork();
    });
    process.on('SIGTERM', () => stopAll(0));
    process.on('SIGINT', () => stopAll(0));
    for (let i = 0; i < workers; i++) fork();
  });
  process.exitCode = exitCode;
}
