import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basicAuth } from '../test-server.js';

/*
 * A customer's backend in miniature, for the real-browser tests: a node:http server on
 * 127.0.0.1 that serves the sign-in page (passkey-page.html/.js) and turns the page's JSON
 * calls into Backend API calls with the project's API secret, exactly as an integration
 * would. The browser never sees the secret or talks to Latchkey directly.
 *
 *   POST /api/register/start   {username, forcePasskeyAppend} → POST /v2/users (first time), /v2/passkey/append/start
 *   POST /api/register/finish  {username, attestationResponse} → /v2/passkey/append/finish
 *   POST /api/login/start      {username}              → /v2/passkey/login/start
 *   POST /api/login/finish     {username, assertionResponse}   → /v2/passkey/login/finish (signPasskeyData)
 *   POST /api/mediation/start  {}                      → /v2/passkey/mediation/start
 *   POST /api/mediation/finish {assertionResponse}     → /v2/passkey/mediation/finish (signPasskeyData)
 *
 * Every page body also carries `processID`, `trackingID` and `client` (what the page learnt
 * from PublicKeyCredential's availability checks); the backend adds the remote address and
 * user agent of the browser's request to build `clientInformation`.
 */

/** One Backend API call the test backend made, for the test to inspect. */
export interface ApiCall {
  path: string;
  request: Record<string, unknown>;
  status: number;
  response: Record<string, unknown>;
}

export interface TestBackend {
  /** `http://localhost:<port>`: the page's origin (a secure context; RP ID `localhost`). */
  origin: string;
  port: number;
  /** Every Backend API call so far, oldest first. */
  calls: ApiCall[];
  /** The user IDs the backend created, by username. */
  users: Map<string, string>;
  /**
   * Points the backend at a project (its ID and API secret). The project's origins must
   * include `origin`, which is only known once the backend listens.
   */
  useProject(projectId: string, apiSecret: string): void;
  close(): Promise<void>;
}

interface PageBody {
  username?: string;
  forcePasskeyAppend?: boolean;
  attestationResponse?: string;
  assertionResponse?: string;
  processID?: string;
  trackingID?: string;
  client?: {
    userVerifyingPlatformAuthenticatorAvailable?: boolean;
    conditionalMediationAvailable?: boolean;
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

const pageFiles: Record<string, { file: string; type: string }> = {
  '/': { file: 'passkey-page.html', type: 'text/html; charset=utf-8' },
  '/passkey-page.js': { file: 'passkey-page.js', type: 'text/javascript; charset=utf-8' },
};

function readPageFile(file: string): string {
  return readFileSync(new URL(file, import.meta.url), 'utf8');
}

/** `parsedDeviceInfo` from a Chromium user agent, as a customer backend's parser would give it. */
function parsedDeviceInfo(userAgent: string) {
  const chrome = /(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/.exec(userAgent);
  return {
    browserName: 'Chrome',
    browserVersion: chrome?.[1] ?? '',
    osName: /Linux/.test(userAgent) ? 'Linux' : 'unknown',
    osVersion: '',
  };
}

async function readJson(request: IncomingMessage): Promise<PageBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as PageBody);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Starts the test backend in front of the Latchkey listening at `apiUrl`. */
export async function startTestBackend(apiUrl: string): Promise<TestBackend> {
  const calls: ApiCall[] = [];
  const users = new Map<string, string>();
  let authorization: string | undefined;

  async function callApi(path: string, request: Record<string, unknown>) {
    if (!authorization) throw new Error('useProject() was not called');
    const response = await fetch(`${apiUrl}/v2${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    const body = (await response.json()) as Record<string, unknown>;
    calls.push({ path, request, status: response.status, response: body });
    if (response.status !== 200)
      throw new HttpError(502, { api: path, status: response.status, body });
    return body;
  }

  function userIdOf(username: string | undefined): string {
    const userId = username === undefined ? undefined : users.get(username);
    if (!userId) throw new HttpError(404, { error: `unknown user ${username}` });
    return userId;
  }

  async function handleApi(path: string, body: PageBody, request: IncomingMessage) {
    const userAgent = request.headers['user-agent'] ?? '';
    const clientInformation = {
      remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
      userAgent,
      userVerifyingPlatformAuthenticatorAvailable:
        body.client?.userVerifyingPlatformAuthenticatorAvailable ?? false,
      conditionalMediationAvailable: body.client?.conditionalMediationAvailable ?? false,
      parsedDeviceInfo: parsedDeviceInfo(userAgent),
    };
    const processID = body.processID ?? '';
    const trackingID = body.trackingID ?? '';
    switch (path) {
      case '/api/register/start': {
        const username = body.username ?? '';
        let userID = users.get(username);
        if (!userID) {
          const user = await callApi('/users', { fullName: username, status: 'active' });
          userID = String(user.userID);
          users.set(username, userID);
        }
        return callApi('/passkey/append/start', {
          userID,
          processID,
          username,
          clientInformation,
          passkeyIntelFlags: { forcePasskeyAppend: body.forcePasskeyAppend === true },
        });
      }
      case '/api/register/finish':
        return callApi('/passkey/append/finish', {
          userID: userIdOf(body.username),
          processID,
          attestationResponse: body.attestationResponse,
          clientInformation,
          trackingID,
        });
      case '/api/login/start':
        return callApi('/passkey/login/start', {
          userID: userIdOf(body.username),
          clientInformation,
          crossDeviceAuthenticationStrategy: 'standard',
          processID,
        });
      case '/api/login/finish':
        return callApi('/passkey/login/finish', {
          userID: userIdOf(body.username),
          assertionResponse: body.assertionResponse,
          clientInformation,
          processID,
          trackingID,
          signPasskeyData: true,
        });
      case '/api/mediation/start':
        return callApi('/passkey/mediation/start', { clientInformation });
      case '/api/mediation/finish':
        return callApi('/passkey/mediation/finish', {
          assertionResponse: body.assertionResponse,
          clientInformation,
          processID,
          trackingID,
          signPasskeyData: true,
        });
      default:
        throw new HttpError(404, { error: `no route ${path}` });
    }
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const page = pageFiles[path];
    if (request.method === 'GET' && page) {
      response.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' });
      response.end(readPageFile(page.file));
      return;
    }
    if (request.method !== 'POST' || !path.startsWith('/api/')) {
      sendJson(response, 404, { error: `no route ${request.method} ${path}` });
      return;
    }
    readJson(request)
      .then((body) => handleApi(path, body, request))
      .then(
        (body) => sendJson(response, 200, body),
        (error: unknown) =>
          error instanceof HttpError
            ? sendJson(response, error.status, error.body)
            : sendJson(response, 500, { error: String(error) }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    port,
    calls,
    users,
    useProject(projectId, apiSecret) {
      authorization = basicAuth(projectId, apiSecret);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
