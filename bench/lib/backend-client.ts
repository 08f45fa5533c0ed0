import http from 'node:http';

/** A Backend API answer: status and parsed JSON body (undefined when the body is not JSON). */
export interface BackendResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  /** The raw body, for error reports. */
  text: string;
}

/**
 * A minimal Backend API client over node:http with keep-alive connections: no retries, no
 * redirects, no decompression, so the generator spends as little CPU per request as possible.
 */
export class BackendClient {
  private readonly agent: http.Agent;
  private readonly url: URL;
  private readonly authorization: string;

  constructor(baseUrl: string, projectId: string, apiSecret: string) {
    this.url = new URL(baseUrl);
    this.authorization = `Basic ${Buffer.from(`${projectId}:${apiSecret}`).toString('base64')}`;
    // One socket per concurrent request; idle sockets are kept for the next ceremony.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  }

  /** POSTs `body` as JSON to `/v2{path}`. Rejects only on network errors, never on a status. */
  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<BackendResponse<T>> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path: `/v2${path}`,
          headers: {
            authorization: this.authorization,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = undefined;
            }
            resolve({ status: response.statusCode ?? 0, body: parsed as T, text });
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** Closes the idle keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}
