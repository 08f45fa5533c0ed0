/** Where a session token may be: `Authorization: Bearer`, or one of these cookies. */
export const sessionCookieNames = ['cbo_session_token', 'cbo_short_session'] as const;

/** The session token of a request with Node-style headers (Express, Fastify, node:http). */
export function tokenFromRequest(
  headers: Record<string, string | string[] | undefined>,
  cookieNames: readonly string[] = sessionCookieNames,
): string | undefined {
  const authorization = headers.authorization;
  const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(
    Array.isArray(authorization) ? (authorization[0] ?? '') : (authorization ?? ''),
  );
  if (bearer?.[1]) return bearer[1];
  const cookie = headers.cookie;
  const text = Array.isArray(cookie) ? cookie.join('; ') : (cookie ?? '');
  for (const name of cookieNames) {
    for (const part of text.split(';')) {
      const index = part.indexOf('=');
      if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
    }
  }
  return undefined;
}
