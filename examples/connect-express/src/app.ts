import { fileURLToPath } from 'node:url';
import express, { type Request, type Response } from 'express';
import type { AccessTokens } from './access-tokens.js';
import type { ConnectTokenType, LatchkeyClient } from './latchkey-client.js';
import type { ExampleUser, UserStore } from './user-store.js';

export interface ExampleAppOptions {
  users: UserStore;
  tokens: AccessTokens;
  latchkey: LatchkeyClient;
  /** What the page needs to call Latchkey's Frontend API. */
  page: { frontendApiUrl: string; projectId: string };
  now?: () => number;
}

/** Token types a signed-in user may ask for (login needs no token in this example). */
const tokenTypes: readonly ConnectTokenType[] = [
  'passkey-append',
  'passkey-list',
  'passkey-delete',
];

/** Password attempts per email and client address in a window, before 429. */
const loginAttempts = { limit: 10, windowMs: 15 * 60 * 1000 };

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

const publicUser = (user: ExampleUser) => ({ id: user.id, email: user.email, name: user.name });

/** The `username` claim of signed passkey data, unverified (Latchkey verifies it). */
function claimedUsername(signedPasskeyData: string): string | undefined {
  try {
    const payload = signedPasskeyData.split('.')[1] ?? '';
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      username?: unknown;
    };
    return typeof claims.username === 'string' ? claims.username : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Your existing system": its own users, password login and access tokens, plus the two
 * endpoints Connect needs: `POST /auth/createConnectToken` and `POST /auth/completeLogin`.
 */
export function createExampleApp(options: ExampleAppOptions): express.Express {
  const { users, tokens, latchkey } = options;
  const now = options.now ?? Date.now;
  const attempts = new Map<string, { count: number; resetAt: number }>();
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));

  const unauthorized = (res: Response) => res.status(401).json({ error: 'unauthorized' });
  const signedInUser = (req: Request): ExampleUser | undefined => {
    const header = req.get('authorization') ?? '';
    const userId = header.startsWith('Bearer ') ? tokens.verify(header.slice(7)) : undefined;
    return userId === undefined ? undefined : users.byId(userId);
  };

  app.get('/config', (_req, res) => {
    res.json(options.page);
  });

  app.post('/auth/login', async (req, res) => {
    const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
    if (typeof email !== 'string' || typeof password !== 'string' || password.length > 1024) {
      res.status(400).json({ error: 'email and password are required' });
      return;
    }
    const key = `${email.trim().toLowerCase()}|${req.ip}`;
    const entry = attempts.get(key);
    if (entry && entry.resetAt > now() && entry.count >= loginAttempts.limit) {
      res.status(429).json({ error: 'too many attempts; try again later' });
      return;
    }
    const user = await users.checkPassword(email, password);
    if (!user) {
      const fresh = !entry || entry.resetAt <= now();
      attempts.set(key, {
        count: fresh ? 1 : entry.count + 1,
        resetAt: fresh ? now() + loginAttempts.windowMs : entry.resetAt,
      });
      unauthorized(res);
      return;
    }
    attempts.delete(key);
    res.json({ accessToken: tokens.issue(user.id), user: publicUser(user) });
  });

  app.get('/auth/me', (req, res) => {
    const user = signedInUser(req);
    if (!user) return unauthorized(res);
    res.json(publicUser(user));
  });

  app.post('/auth/createConnectToken', async (req, res) => {
    const user = signedInUser(req);
    if (!user) return unauthorized(res);
    const { tokenType } = (req.body ?? {}) as { tokenType?: unknown };
    if (typeof tokenType !== 'string' || !(tokenTypes as readonly string[]).includes(tokenType)) {
      res.status(400).json({ error: `tokenType must be one of ${tokenTypes.join(', ')}` });
      return;
    }
    const connectToken = await latchkey.createConnectToken(tokenType as ConnectTokenType, {
      identifier: user.email,
      ...(tokenType === 'passkey-append' && { displayName: user.name }),
    });
    res.json({ connectToken });
  });

  app.post('/auth/completeLogin', async (req, res) => {
    const { signedPasskeyData } = (req.body ?? {}) as { signedPasskeyData?: unknown };
    if (typeof signedPasskeyData !== 'string' || signedPasskeyData.length > 8192) {
      res.status(400).json({ error: 'signedPasskeyData is required' });
      return;
    }
    const username = claimedUsername(signedPasskeyData);
    const user = username === undefined ? undefined : users.byEmail(username);
    if (!user) return unauthorized(res);
    // Latchkey checks the signature, the lifetime, single use and that it is this user's.
    const result = await latchkey.verifySignedData(signedPasskeyData, user.email);
    if (result !== 'success') return unauthorized(res);
    res.json({ accessToken: tokens.issue(user.id), user: publicUser(user) });
  });

  app.use(express.static(publicDir));
  app.use((error: unknown, _req: Request, res: Response, _next: (error?: unknown) => void) => {
    console.error(error);
    res.status(502).json({ error: 'could not complete the request' });
  });
  return app;
}
