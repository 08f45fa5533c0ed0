import { basicAuthHeader } from './cli.js';

/** A running stream of `POST /v2/users` requests against a live server. */
export interface UserStream {
  /** IDs of users whose create answered 200, in the order the answers came. */
  readonly confirmed: string[];
  /** Requests sent so far (answered or not). */
  readonly attempted: number;
  /** Requests that failed without a 200 (connection reset, 5xx, …). */
  readonly failed: number;
  /** Statuses of answers other than 200. */
  readonly otherStatuses: number[];
  /** Resolves once `count` creates have been confirmed. */
  waitForConfirmed(count: number, timeoutMs?: number): Promise<void>;
  /** Stops sending; resolves when every worker has finished its last request. */
  stop(): Promise<void>;
}

export interface UserStreamOptions {
  baseUrl: string;
  projectId: string;
  apiSecret: string;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
}

/**
 * Sends `POST /v2/users` from `concurrency` workers, each one request after another, until
 * stopped or until the server goes away (a refused connection ends a worker).
 */
export function startUserStream(options: UserStreamOptions): UserStream {
  const confirmed: string[] = [];
  const otherStatuses: number[] = [];
  let attempted = 0;
  let failed = 0;
  let stopping = false;
  const listeners = new Set<() => void>();
  const authorization = basicAuthHeader(options.projectId, options.apiSecret);

  async function worker(n: number): Promise<void> {
    for (let i = 0; !stopping; i++) {
      attempted++;
      try {
        const response = await fetch(`${options.baseUrl}/v2/users`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ fullName: `Stream user ${n}-${i}`, status: 'active' }),
        });
        const body = (await response.json()) as { userID?: string };
        if (response.status === 200 && body.userID) {
          confirmed.push(body.userID);
          for (const listener of [...listeners]) listener();
        } else {
          failed++;
          otherStatuses.push(response.status);
        }
      } catch {
        // The server went away mid-request: this create may or may not have committed.
        failed++;
        return;
      }
    }
  }

  const workers = Array.from({ length: options.concurrency ?? 4 }, (_, n) => worker(n));
  return {
    confirmed,
    otherStatuses,
    get attempted() {
      return attempted;
    },
    get failed() {
      return failed;
    },
    waitForConfirmed(count, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (confirmed.length >= count) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`only ${confirmed.length} of ${count} creates confirmed in time`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop() {
      stopping = true;
      await Promise.all(workers);
    },
  };
}
