import type { ChildProcess } from 'node:child_process';

/** How long a server gets to stop after SIGTERM before it is killed. */
const stopGraceMs = 20_000;

/**
 * Kills `child` if this process exits first (servers must not outlive the bench), and returns
 * the function that stops it: SIGTERM, SIGKILL after the grace period, resolved once it exited.
 */
export function stopWithParent(child: ChildProcess): () => Promise<void> {
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  };
}
