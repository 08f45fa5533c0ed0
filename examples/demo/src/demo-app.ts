import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type LatchkeyBackend, LatchkeyRequestError } from './latchkey-backend.js';
import type { SessionClaims, SessionVerifier } from './session-verifier.js';

export interface DemoOptions {
  /** The demo's own origin as browsers reach it, e.g. http://localhost:3000. */
  publicUrl: string;
  /** Where Latchkey's hosted pages are, e.g. http://localhost:8080. */
  hostedPagesUrl: string;
  projectId: string;
  latchkey: LatchkeyBackend;
  verifySession: SessionVerifier;
}

const stateCookie = 'demo_state';
const sessionCookie = 'demo_session';

/** No script at all on the demo's pages; styles from the one file. */
const csp =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const publicFile = (name: string) => readFileSync(new URL(`../public/${name}`, import.meta.url));
const files = {
  '/': { body: publicFile('index.html'), type: 'text/html; charset=utf-8' },
  '/demo.css': { body: publicFile('demo.css'), type: 'text/css; charset=utf-8' },
} as const;

function cookiesOf(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(response: ServerResponse, status: number, title: string, body: string) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  response.end(
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n<link rel="stylesheet" href="/demo.css">\n</head>\n<body>\n<main>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</main>\n</body>\n</html>\n`,
  );
}

function redirect(response: ServerResponse, location: string, cookies: string[] = []) {
  response.writeHead(303, { location, 'set-cookie': cookies, 'cache-control': 'no-store' });
  response.end();
}

/**
 * The demo backend: `/login` and `/signup` send the browser to Latchkey's hosted page with a
 * state cookie against login CSRF; `/callback` checks the state, exchanges the one-time code
 * through the Backend API and keeps the session JWT in an httpOnly cookie; `/protected`
 * verifies that JWT with the JWKS on every request and shows the user.
 */
export function createDemoApp(options: DemoOptions): Server {
  const secure = options.publicUrl.startsWith('https:');
  const cookie = (name: string, value: string, maxAgeSeconds: number) =>
    `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  const callbackUrl = `${options.publicUrl}/callback`;

  const startSignIn = (response: ServerResponse, kind: 'login' | 'signup') => {
    const state = randomBytes(32).toString('base64url');
    const hosted = new URL(`/${kind}`, options.hostedPagesUrl);
    hosted.searchParams.set('projectID', options.projectId);
    hosted.searchParams.set('redirect_uri', callbackUrl);
    hosted.searchParams.set('state', state);
    redirect(response, hosted.toString(), [cookie(stateCookie, state, 600)]);
  };

  const callback = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const code = url.searchParams.get('code') ?? '';
    const state = url.searchParams.get('state') ?? '';
    const expected = cookiesOf(request).get(stateCookie) ?? '';
    if (!sameSecret(state, expected)) {
      return page(
        response,
        400,
        'Sign-in not accepted',
        '<p>This sign-in was not started here (state mismatch). <a href="/">Start again</a>.</p>',
      );
    }
    let session: Awaited<ReturnType<LatchkeyBackend['exchangeCode']>>;
    try {
      session = await options.latchkey.exchangeCode(code, callbackUrl);
    } catch (error) {
      if (!(error instanceof LatchkeyRequestError)) throw error;
      return page(
        response,
        400,
        'Sign-in not accepted',
        `<p>Latchkey refused the code (<code>${escapeHtml(error.code ?? String(error.status))}</code>): it is used, expired or not for this site. <a href="/">Start again</a>.</p>`,
      );
    }
    const claims = await options.verifySession(session.sessionToken);
    if (!claims || claims.sub !== session.userID) {
      return page(
        response,
        502,
        'Sign-in not accepted',
        '<p>The session token did not verify.</p>',
      );
    }
    const lifetime = Math.max(0, Math.floor((session.sessionTokenExpiresMs - Date.now()) / 1000));
    // The code leaves the address bar here: the next page has a clean URL.
    redirect(response, '/protected', [
      cookie(sessionCookie, session.sessionToken, lifetime),
      cookie(stateCookie, '', 0),
    ]);
  };

  const signedIn = async (request: IncomingMessage): Promise<SessionClaims | undefined> => {
    const token = cookiesOf(request).get(sessionCookie);
    return token ? options.verifySession(token) : undefined;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', options.publicUrl);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' });
      return response.end();
    }
    const file = files[url.pathname as keyof typeof files];
    if (file) {
      response.writeHead(200, { 'content-type': file.type, 'content-security-policy': csp });
      return response.end(file.body);
    }
    switch (url.pathname) {
      case '/login':
      case '/signup':
        return startSignIn(response, url.pathname === '/login' ? 'login' : 'signup');
      case '/callback':
        return callback(request, response, url);
      case '/protected': {
        const claims = await signedIn(request);
        if (!claims) return redirect(response, '/');
        return page(
          response,
          200,
          'Protected page',
          `<p class="signed-in">Signed in as <strong id="user-email">${escapeHtml(claims.email ?? '')}</strong> (<code id="user-id">${escapeHtml(claims.sub)}</code>).</p>\n<p>Your session token was verified with Latchkey's JWKS; it expires at ${escapeHtml(new Date((claims.exp ?? 0) * 1000).toISOString())}.</p>\n<p><a href="/logout">Sign out</a></p>`,
        );
      }
      case '/logout':
        return redirect(response, '/', [cookie(sessionCookie, '', 0)]);
      default:
        return page(response, 404, 'Not found', '<p><a href="/">Home</a></p>');
    }
  };

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) page(response, 500, 'Error', '<p>Something went wrong.</p>');
      else response.end();
    });
  });
}
