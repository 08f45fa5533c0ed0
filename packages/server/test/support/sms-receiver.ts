import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the SMS webhook receiver got. */
export interface ReceivedSms {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { to?: unknown; text?: unknown } & Record<string, unknown>;
}

export interface SmsReceiver {
  /** `http://127.0.0.1:PORT/sms`. */
  url: string;
  requests: ReceivedSms[];
  /** Status the receiver answers with (default 202). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

/** A local HTTP server standing in for an SMS provider's bridge: keeps every JSON POST. */
export async function startSmsReceiver(): Promise<SmsReceiver> {
  const requests: ReceivedSms[] = [];
  let status = 202;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: ReceivedSms['body'];
      try {
        body = JSON.parse(text) as ReceivedSms['body'];
      } catch {
        body = { unparsed: text };
      }
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
      });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    respondWith(next) {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
