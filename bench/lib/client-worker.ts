// Worker-thread entry for `--client-workers N`: one LoginDriver per thread, driven by messages
// from the main thread (see client-pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { type DriverSettings, LoginDriver, type PhaseSpec } from './login-driver.js';

export type WorkerRequest =
  | { type: 'setup'; count: number; parallel: number }
  | { type: 'first-login' }
  | { type: 'phase'; spec: PhaseSpec }
  | { type: 'close' };

if (!parentPort) throw new Error('client-worker.ts runs only as a worker thread');
const port = parentPort;
const driver = new LoginDriver(workerData as DriverSettings);

port.on('message', async (request: WorkerRequest) => {
  try {
    if (request.type === 'setup') {
      await driver.setupUsers(request.count, request.parallel, (done) =>
        port.postMessage({ type: 'progress', done }),
      );
      port.postMessage({ type: 'setup-done', users: driver.users.length });
    } else if (request.type === 'first-login') {
      port.postMessage({ type: 'first-login-done', ms: await driver.firstLogin() });
    } else if (request.type === 'phase') {
      const outcome = await driver.runPhase(request.spec);
      port.postMessage({ type: 'phase-done', outcome });
    } else {
      driver.close();
      port.close();
    }
  } catch (error) {
    port.postMessage({ type: 'error', message: (error as Error).message ?? String(error) });
  }
});
