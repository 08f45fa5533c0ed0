import { HttpClient } from './compare/http-client.js';

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
  // One socket per concurrent request; idle sockets are kept for the next ceremony.
  private readonly http: HttpClient;

  constructor(baseUrl: string, projectId: string, apiSecret: string) {
    const authorization = `Basic ${Buffer.from(`${projectId}:${apiSecret}`).toString('base64')}`;
    this.http = new HttpClient(baseUrl, { authorization });
  }

  /** POSTs `body` as JSON to `/v2{path}`. Rejects only on network errors, never on a status. */
  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<BackendResponse<T>> {
    return this.http.request<T>('POST', `/v2${path}`, { body });
  }

  /** Closes the idle keep-alive sockets. */
  close(): void {
    this.http.close();
  }
}
