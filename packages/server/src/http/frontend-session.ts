import type { FastifyReply, FastifyRequest } from 'fastify';
import { LatchkeyError } from '../core/errors.js';
import type { IssuedSession } from '../core/sessions/create-session.js';
import {
  legacySessionTokenCookie,
  refreshTokenCookie,
  refreshTokenCookiePath,
  sessionCookieSettingsOf,
  sessionTokenCookie,
} from '../core/sessions/session-cookies.js';
import { isRefreshTokenShape } from '../core/sessions/session-token.js';
import { type VerifiedSession, verifySessionToken } from '../core/sessions/verify-session-token.js';
import type { ProjectRecord } from '../store/project.store.js';
import { parseCookies, serializeCookie } from './cookies.js';
import type { RouteContext } from './route-context.js';

/** `Authorization: Bearer <token>`, if the request carries one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer[ ]+(\S{1,8192})\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** Where a refresh token came from decides where the new one goes. */
export type TokenSource = 'cookie' | 'bearer';

/** The refresh token of a request: `Authorization: Bearer` (apps) or the refresh cookie. */
export function refreshTokenOf(
  request: FastifyRequest,
): { token: string; source: TokenSource } | undefined {
  const bearer = bearerToken(request);
  if (bearer !== undefined && isRefreshTokenShape(bearer))
    return { token: bearer, source: 'bearer' };
  const cookie = parseCookies(request.headers.cookie).get(refreshTokenCookie);
  return cookie ? { token: cookie, source: 'cookie' } : undefined;
}

/** The session token of a request: `Authorization: Bearer` or the session-token cookie. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const bearer = bearerToken(request);
  if (bearer !== undefined && !isRefreshTokenShape(bearer)) return bearer;
  const cookies = parseCookies(request.headers.cookie);
  return cookies.get(sessionTokenCookie) ?? cookies.get(legacySessionTokenCookie);
}

/**
 * The verified session of a `/v2/me` request for the request's project.
 * @throws SESSION_MISSING, SESSION_INVALID
 */
export async function requireSession(
  context: Pick<RouteContext, 'deps' | 'publicUrl'>,
  request: FastifyRequest,
): Promise<VerifiedSession> {
  const token = sessionTokenOf(request);
  if (!token) {
    throw new LatchkeyError(
      'SESSION_MISSING',
      'send the session token as Authorization: Bearer or in the cbo_session_token cookie',
    );
  }
  return verifySessionToken(
    { ...context.deps, publicUrl: context.publicUrl },
    request.frontendProject,
    token,
  );
}

/**
 * Hands a (new) session to a browser as cookies: the refresh token httpOnly on /v2/me, the
 * session token httpOnly on the whole Frontend API.
 */
export function setSessionCookies(
  reply: FastifyReply,
  project: ProjectRecord,
  publicUrl: () => string,
  issued: IssuedSession,
  now: number,
): void {
  const settings = sessionCookieSettingsOf(project, publicUrl);
  const base = { domain: settings.domain, secure: settings.secure, sameSite: settings.sameSite };
  reply.header('set-cookie', [
    serializeCookie(refreshTokenCookie, issued.refreshToken, {
      ...base,
      path: refreshTokenCookiePath,
      httpOnly: true,
      maxAgeSeconds: (issued.session.absoluteExpiresAt - now) / 1000,
    }),
    serializeCookie(sessionTokenCookie, issued.sessionToken, {
      ...base,
      path: '/',
      httpOnly: true,
      maxAgeSeconds: (issued.sessionTokenExpiresAt - now) / 1000,
    }),
  ]);
}

/** Deletes both session cookies (logout, or a refresh that failed). */
export function clearSessionCookies(
  reply: FastifyReply,
  project: ProjectRecord,
  publicUrl: () => string,
): void {
  const settings = sessionCookieSettingsOf(project, publicUrl);
  const base = { domain: settings.domain, secure: settings.secure, sameSite: settings.sameSite };
  reply.header('set-cookie', [
    serializeCookie(refreshTokenCookie, '', {
      ...base,
      path: refreshTokenCookiePath,
      httpOnly: true,
      maxAgeSeconds: 0,
    }),
    serializeCookie(sessionTokenCookie, '', {
      ...base,
      path: '/',
      httpOnly: true,
      maxAgeSeconds: 0,
    }),
  ]);
}
