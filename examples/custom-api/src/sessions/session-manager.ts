import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { SessionStore } from './session-store.js';

/** Who a valid access token belongs to. */
export interface SessionUser {
  userId: string;
  email: string;
  sessionId: string;
}

/** What a sign-in or refresh hands the client. */
export interface SessionTokens {
  /** Short-lived signed access token (HS256 JWT) for `Authorization: Bearer`. */
  sessionToken: string;
  /** Opaque, single-use token for `POST /session/refresh`. */
  refreshToken: string;
}

/** Why a token was refused; the guard turns it into a 401. */
export class SessionError extends Error {
  constructor(
    readonly reason: 'missing' | 'expired' | 'invalid' | 'ended' | 'reused',
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

export interface SessionManagerOptions {
  store: SessionStore;
  /** HMAC key for HS256; at least 32 bytes. */
  key: Uint8Array;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Milliseconds since the epoch; injectable so tests can let tokens expire. */
  now?: () => number;
}

const issuer = 'latchkey-custom-api-example';
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The example's own sessions: a short-lived HS256 access token (`sub` = Latchkey user ID,
 * `sid` = session, `email`) plus an opaque refresh token that is stored only as a SHA-256
 * hash, rotated on every use, and whose reuse ends the session. The access token is checked
 * against the store too, so logout takes effect at once rather than when the token expires.
 */
export class SessionManager {
  private readonly now: () => number;

  constructor(private readonly options: SessionManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts a session for a user Latchkey has just authenticated. */
  async create(user: { userId: string; email: string }): Promise<SessionTokens> {
    const refreshToken = newRefreshToken();
    const now = this.now();
    const session = {
      id: randomUUID(),
      userId: user.userId,
      email: user.email,
      refreshTokenHash: hashOf(refreshToken),
      createdAt: now,
      expiresAt: now + this.options.refreshTokenTtlSeconds * 1000,
    };
    await this.options.store.create(session);
    return { sessionToken: await this.sign(session), refreshToken };
  }

  /**
   * The session's user for a valid, unexpired access token of a live session.
   * @throws SessionError `missing`, `expired`, `invalid`, `ended`.
   */
  async authenticate(token: string | undefined): Promise<SessionUser> {
    if (!token) throw new SessionError('missing', 'session token required (Authorization: Bearer)');
    let claims: { sub?: string; sid?: unknown; email?: unknown };
    try {
      ({ payload: claims } = await jwtVerify(token, this.options.key, {
        algorithms: ['HS256'],
        issuer,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new SessionError('expired', 'session token expired; refresh it');
      }
      throw new SessionError('invalid', 'session token invalid');
    }
    const session =
      typeof claims.sid === 'string' ? await this.options.store.get(claims.sid) : undefined;
    if (!session || session.expiresAt <= this.now() || session.userId !== claims.sub) {
      throw new SessionError('ended', 'session ended; sign in again');
    }
    return { userId: session.userId, email: session.email, sessionId: session.id };
  }

  /**
   * A new access token and a new refresh token for a current refresh token; the old one is
   * spent. A spent token presented again ends its session.
   * @throws SessionError `invalid`, `reused`, `ended`.
   */
  async refresh(refreshToken: string): Promise<SessionTokens> {
    const next = newRefreshToken();
    const result = await this.options.store.rotate(hashOf(refreshToken), hashOf(next));
    if (result === 'reused') {
      throw new SessionError('reused', 'refresh token was already used; the session is ended');
    }
    if (result === 'unknown') throw new SessionError('invalid', 'refresh token invalid');
    if (result.session.expiresAt <= this.now()) {
      await this.options.store.delete(result.session.id);
      throw new SessionError('ended', 'session ended; sign in again');
    }
    return { sessionToken: await this.sign(result.session), refreshToken: next };
  }

  /** Ends a session: its access and refresh tokens stop working at once. */
  async end(sessionId: string): Promise<void> {
    await this.options.store.delete(sessionId);
  }

  private sign(session: { id: string; userId: string; email: string }): Promise<string> {
    const nowSeconds = Math.floor(this.now() / 1000);
    return new SignJWT({ sid: session.id, email: session.email })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(session.userId)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + this.options.accessTokenTtlSeconds)
      .sign(this.options.key);
  }
}

/** 32 random bytes, base64url, with a prefix that makes leaked tokens easy to grep for. */
function newRefreshToken(): string {
  return `rt_${randomBytes(32).toString('base64url')}`;
}
