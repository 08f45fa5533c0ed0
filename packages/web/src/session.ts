import { FrontendApi, FrontendApiError } from './frontend-api.js';

/*
 * The browser's session: the session token (a short-lived JWT) kept fresh by refreshing
 * before it expires, the user its claims name, and a `change` event whenever either changes.
 * One Session per project and Frontend API URL on a page (sessionFor), so every element on
 * the page sees the same sign-in.
 */

/** The signed-in user, from the session token's claims (docs/sessions.md). */
export interface SessionUser {
  /** `usr-…` (claim `sub`). */
  id: string;
  /** Full name, or '' (claim `name`). */
  name: string;
  email: string;
  phoneNumber: string;
  /** The identifier used to sign in (claim `orig`). */
  identifier: string;
}

/** `detail` of the `change` event and of `latchkey-session-change` on `document`. */
export interface SessionChange {
  user: SessionUser | null;
  sessionToken: string | null;
}

interface Stored {
  sessionToken: string;
  /** Local time (ms) the token stops being valid, from its lifetime (exp − iat). */
  expiresAtMs: number;
  /** Only where the server hands the refresh token to JavaScript (`dev` projects, apps). */
  refreshToken?: string;
}

/** Refresh this long before the token expires (or at 3/4 of its lifetime if that is sooner). */
const refreshLeadMs = 60_000;

function decodeClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function userOf(token: string): SessionUser | null {
  const claims = decodeClaims(token);
  if (!claims || typeof claims.sub !== 'string') return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    id: claims.sub,
    name: text(claims.name),
    email: text(claims.email),
    phoneNumber: text(claims.phone_number),
    identifier: text(claims.orig),
  };
}

/**
 * The token's lifetime from its own claims (exp − iat), counted from now on this clock: the
 * browser's clock may be off from the server's, the lifetime is not.
 */
function localExpiry(token: string, now: number): number {
  const claims = decodeClaims(token);
  const exp = Number(claims?.exp);
  const iat = Number(claims?.iat);
  const lifetimeMs = Number.isFinite(exp) && Number.isFinite(iat) ? (exp - iat) * 1000 : 300_000;
  return now + Math.max(lifetimeMs, 0);
}

export interface SessionOptions {
  frontendApi: string;
  projectId: string;
  /** Where the token is kept across reloads; default localStorage (null: memory only). */
  storage?: Storage | null;
  /** Injectable clock for tests. */
  now?: () => number;
}

/** One project's session on this page. Listen to `change` for sign-in and sign-out. */
export class Session extends EventTarget {
  readonly api: FrontendApi;
  private readonly storage: Storage | null;
  private readonly storageKey: string;
  private readonly now: () => number;
  private stored: Stored | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string | null> | undefined;

  constructor(options: SessionOptions) {
    super();
    this.api = new FrontendApi({ baseUrl: options.frontendApi, projectId: options.projectId });
    this.now = options.now ?? Date.now;
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage;
    this.storageKey = `latchkey:${options.projectId}:session`;
    this.stored = this.read();
    if (this.stored) this.schedule();
    // Another tab signed in or out: follow it.
    globalThis.addEventListener?.('storage', (event: StorageEvent) => {
      if (event.key !== this.storageKey) return;
      this.stored = this.read();
      this.schedule();
      this.emit();
    });
  }

  /** The signed-in user, or null. */
  get user(): SessionUser | null {
    return this.stored ? userOf(this.stored.sessionToken) : null;
  }

  /** The current session token, or null (it may be about to be refreshed: see getToken). */
  get sessionToken(): string | null {
    return this.stored?.sessionToken ?? null;
  }

  /**
   * A valid session token: the current one, or a refreshed one when it expired (or will
   * within the refresh lead). null when signed out or the refresh was refused.
   */
  async getToken(): Promise<string | null> {
    if (!this.stored) return null;
    if (this.stored.expiresAtMs - this.now() > 5_000) return this.stored.sessionToken;
    return this.refresh();
  }

  /** Takes the session a completed process handed out. */
  signIn(sessionToken: string, refreshToken?: string): void {
    this.store({
      sessionToken,
      expiresAtMs: localExpiry(sessionToken, this.now()),
      ...(refreshToken && { refreshToken }),
    });
  }

  /**
   * Asks for a new session token now (POST /v2/me/refresh). Concurrent callers share one
   * request: the server treats two refreshes with one token as reuse and ends the session.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<string | null> {
    try {
      const answer = await this.api.refresh(this.stored?.refreshToken);
      this.store({
        sessionToken: answer.sessionToken,
        expiresAtMs: localExpiry(answer.sessionToken, this.now()),
        ...((answer.longSession ?? this.stored?.refreshToken) && {
          refreshToken: answer.longSession ?? this.stored?.refreshToken,
        }),
      });
      return answer.sessionToken;
    } catch (error) {
      // Refused (logged out elsewhere, revoked, expired): signed out. A network failure keeps
      // the session and tries again at the next getToken().
      if (error instanceof FrontendApiError && error.status >= 400 && error.status < 500) {
        this.store(null);
      }
      return null;
    }
  }

  /** Ends the long session on the server (POST /v2/me/logout) and here. */
  async logout(): Promise<void> {
    const current = this.stored;
    this.store(null);
    try {
      await this.api.logout(current?.sessionToken, current?.refreshToken);
    } catch {
      // Logged out here either way; the server answers 204 even for dead tokens.
    }
  }

  private store(value: Stored | null): void {
    this.stored = value;
    try {
      if (value) this.storage?.setItem(this.storageKey, JSON.stringify(value));
      else this.storage?.removeItem(this.storageKey);
    } catch {
      // Storage full or blocked: the session lives in memory only.
    }
    this.schedule();
    this.emit();
  }

  private read(): Stored | null {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      const parsed = raw ? (JSON.parse(raw) as Stored) : null;
      return parsed && typeof parsed.sessionToken === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.stored) return;
    const lifetime = this.stored.expiresAtMs - this.now();
    const lead = Math.min(refreshLeadMs, lifetime / 4);
    this.timer = setTimeout(() => void this.refresh(), Math.max(lifetime - lead, 0));
  }

  private emit(): void {
    const detail: SessionChange = { user: this.user, sessionToken: this.sessionToken };
    this.dispatchEvent(new CustomEvent('change', { detail }));
    globalThis.document?.dispatchEvent(
      new CustomEvent('latchkey-session-change', { detail: { ...detail, session: this } }),
    );
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const sessions = new Map<string, Session>();

/** The page's one Session for a project and Frontend API URL. */
export function sessionFor(frontendApi: string, projectId: string): Session {
  const key = `${projectId} ${frontendApi.replace(/\/+$/, '')}`;
  let session = sessions.get(key);
  if (!session) {
    session = new Session({ frontendApi, projectId });
    sessions.set(key, session);
  }
  return session;
}
