// A real User store listener (HTTPS with client certificates) on a test server's database,
// and an HTTPS client that presents whichever certificate a test picks.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { registerClientCertificate } from '../../src/core/certs/client-certificates.js';
import {
  type CertificatePair,
  createCertificateAuthority,
  issueClientCertificate,
  issueServerCertificate,
} from '../../src/core/certs/x509.js';
import { createRateLimiter } from '../../src/core/rate-limit/rate-limiter.js';
import { buildUserstoreApp, type UserstoreApp } from '../../src/http/userstore/userstore-app.js';
import type { TestServer } from './test-server.js';

export interface UserstoreResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface UserstoreCall {
  /** A JSON value to send, or raw text with `raw`. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** The client certificate to present; default the project's; null for none. */
  cert?: CertificatePair | null;
}

export interface UserstoreHarness {
  app: UserstoreApp;
  ca: CertificatePair;
  /** A client certificate issued for and registered to the test server's project. */
  client: CertificatePair;
  /** Issues (and, unless told not to, registers) a client certificate for a project. */
  issueClient(projectId: string, options?: { register?: boolean }): Promise<CertificatePair>;
  call(method: string, path: string, options?: UserstoreCall): Promise<UserstoreResponse>;
  close(): Promise<void>;
}

/** Starts the User store listener on 127.0.0.1 with a fresh CA, for the server's project. */
export async function startUserstore(
  server: TestServer,
  options: { bodyLimitBytes?: number } = {},
): Promise<UserstoreHarness> {
  const now = Date.now();
  const ca = await createCertificateAuthority(now, 'Test CA');
  const serverPair = await issueServerCertificate(ca, now, {
    dns: ['localhost'],
    ips: ['127.0.0.1'],
  });
  const app = await buildUserstoreApp({
    deps: server.deps,
    rateLimiter: createRateLimiter(server.deps),
    tls: { cert: serverPair.certPem, key: serverPair.keyPem, ca: ca.certPem },
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const issueClient = async (projectId: string, { register = true } = {}) => {
    const pair = await issueClientCertificate(ca, Date.now(), projectId);
    if (register) await registerClientCertificate(server.deps, projectId, pair.certPem, 'issued');
    return pair;
  };
  const client = await issueClient(server.project.id);
  const call = (method: string, path: string, callOptions: UserstoreCall = {}) =>
    new Promise<UserstoreResponse>((resolve, reject) => {
      const cert = callOptions.cert === undefined ? client : callOptions.cert;
      const payload =
        callOptions.raw ??
        (callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body));
      const request = https.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          servername: 'localhost',
          ca: ca.certPem,
          ...(cert && { cert: cert.certPem, key: cert.keyPem }),
          agent: false,
          headers: {
            ...(payload !== undefined && { 'content-type': 'application/json' }),
            ...callOptions.headers,
          },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body,
              json: <T>() => JSON.parse(body) as T,
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  return { app, ca, client, issueClient, call, close: () => app.close() };
}
