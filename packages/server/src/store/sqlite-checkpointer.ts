import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background thread moves the write-ahead log into the database file. */
export const checkpointIntervalMs = 500;

/**
 * WAL pages after which a connection with background checkpoints checkpoints by itself: a
 * safety net should the background thread ever stop (SQLite's default is 1,000 pages).
 */
export const fallbackAutocheckpointPages = 20_000;

/** A thread that checkpoints one SQLite file; close() stops it after its current pass. */
export interface SqliteCheckpointer {
  close(): Promise<void>;
}

// The thread opens its own connection and runs PASSIVE checkpoints, which never wait for or
// block readers and writers. Plain JavaScript, so it runs the same from sources and builds.
const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Moves SQLite's checkpoints off the event loop. With automatic checkpoints, the commit that
 * crosses the WAL threshold copies the log into the database file and fsyncs it on the
 * request's thread, which stalls every request for milliseconds; here a worker thread does it
 * twice a second instead.
 */
export function startSqliteCheckpointer(file: string): SqliteCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, driver, intervalMs: checkpointIntervalMs },
  });
  // A failing checkpointer must not take the server down: the fallback threshold holds.
  worker.on('error', () => {});
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async close() {
      // Held by the process again until it has exited, so the close can be awaited.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
