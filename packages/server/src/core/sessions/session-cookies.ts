import type { ProjectRecord } from '../../store/project.store.js';
import { frontendApiUrlOf } from './frontend-api-url.js';
import { sessionSettingsOf } from './session-settings.js';

/** Cookie names, as Corbado's SDKs use them. */
export const refreshTokenCookie = 'cbo_refresh_token';
export const sessionTokenCookie = 'cbo_session_token';
/** The name Corbado's older web SDK and `@corbado/node-sdk` default to. */
export const legacySessionTokenCookie = 'cbo_short_session';

/** Where the refresh cookie is sent: only to the endpoints that use it. */
export const refreshTokenCookiePath = '/v2/me';

/** What the session cookies of a project look like (`GET /v2/session-config` reports it). */
export interface SessionCookieSettings {
  domain: string | null;
  /** Secure except when the Frontend API is plain http on localhost (development). */
  secure: boolean;
  sameSite: 'lax' | 'strict' | 'none';
  /** Lifetime of the session-token cookie, in seconds. */
  lifetimeSeconds: number;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The project's cookie settings. */
export function sessionCookieSettingsOf(
  project: ProjectRecord,
  publicUrl: () => string,
): SessionCookieSettings {
  const settings = sessionSettingsOf(project);
  const url = new URL(frontendApiUrlOf(project, publicUrl));
  const plainLocalhost =
    url.protocol === 'http:' &&
    (loopbackHosts.has(url.hostname) || url.hostname.endsWith('.localhost'));
  return {
    domain: settings.cookieDomain,
    secure: !plainLocalhost,
    sameSite: settings.cookieSameSite,
    lifetimeSeconds: settings.tokenLifetimeSeconds,
  };
}
