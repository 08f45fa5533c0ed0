import http from 'node:http';

/** An answer: status, the Set-Cookie headers and the body (parsed when it is JSON). */
export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  setCookies: string[];
  body: T;
  text: string;
}

/**
 * A minimal HTTP client over node:http with keep-alive connections (no retries, redirects or
 * decompression), for the compare mode's three servers: Latchkey, the peer, the resource server.
 */
export class HttpClient {
  private readonly agent = new http.Agent({
    keepAlive: true,
    maxSockets: Number.POSITIVE_INFINITY,
  });
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {
    this.url = new URL(baseUrl);
  }

  /** Sends one request; rejects only on network errors, never on a status. */
  request<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer<T>> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { ...this.defaultHeaders, ...options.headers };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          hostname: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers,
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
            resolve({
              status: response.statusCode ?? 0,
              setCookies: response.headers['set-cookie'] ?? [],
              body: parsed as T,
              text,
            });
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A browser's cookie jar for one user, as far as the benchmark needs one: name → value. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the Set-Cookie headers of an answer (an empty value or Max-Age=0 deletes). */
  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** The Cookie request header. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** "HTTP 400 {…}", shortened, for error samples. */
export function describeAnswer(answer: { status: number; text: string }): string {
  const { status, text } = answer;
  return `HTTP ${status} ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}
