import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedWebhook {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with. */
  status: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT`; add any path. */
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Requests answered 2xx. */
  accepted(): ReceivedWebhook[];
  /** The status to answer with from now on (default 204). */
  setStatus(status: number): void;
  /** Delay before answering, in ms. */
  setDelay(ms: number): void;
  /** Resolves once `predicate` holds for the received list; rejects after `timeoutMs`. */
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers with a status the
 * test chooses (optionally a sequence: `statuses` first, then `setStatus`'s).
 */
export async function startWebhookReceiver(
  options: { statuses?: number[]; port?: number } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const queued = [...(options.statuses ?? [])];
  let status = 204;
  let delayMs = 0;
  const waiters = new Set<() => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = queued.shift() ?? status;
      const finish = () => {
        received.push({
          path: request.url ?? '',
          method: request.method ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status: answer,
        });
        response.writeHead(answer, { 'content-type': 'text/plain' });
        response.end(answer < 300 ? 'ok' : 'no');
        for (const waiter of [...waiters]) waiter();
      };
      if (delayMs > 0) setTimeout(finish, delayMs);
      else finish();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    accepted: () => received.filter((item) => item.status >= 200 && item.status < 300),
    setStatus(next) {
      status = next;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    waitFor(predicate, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver: condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Verifies a Standard Webhooks signature the way a receiver would, written here from the
 * specification (not with Latchkey's signing code): HMAC-SHA256 keyed with the base64 part of
 * `whsec_…` over `${webhook-id}.${webhook-timestamp}.${body}`, base64, compared in constant
 * time with each `v1,` entry of the space-separated `webhook-signature` header; the timestamp
 * must be within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') {
    return false;
  }
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - nowSeconds) > toleranceSeconds) {
    return false;
  }
  if (!secret.startsWith('whsec_')) return false;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
