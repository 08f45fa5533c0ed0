/** Cookies of a request by name (RFC 6265 §5.4); the first of a repeated name wins. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header || header.length > 16 * 1024) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    let value = part.slice(index + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export interface CookieAttributes {
  path: string;
  domain: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'lax' | 'strict' | 'none';
  /** Seconds; 0 deletes the cookie. */
  maxAgeSeconds: number;
}

/** A `Set-Cookie` value (RFC 6265 §4.1). Values are tokens Latchkey made: no escaping needed. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  const sameSite = attributes.sameSite[0]?.toUpperCase() + attributes.sameSite.slice(1);
  return [
    `${name}=${value}`,
    `Path=${attributes.path}`,
    ...(attributes.domain ? [`Domain=${attributes.domain}`] : []),
    `Max-Age=${Math.max(0, Math.floor(attributes.maxAgeSeconds))}`,
    ...(attributes.maxAgeSeconds <= 0 ? ['Expires=Thu, 01 Jan 1970 00:00:00 GMT'] : []),
    ...(attributes.secure ? ['Secure'] : []),
    ...(attributes.httpOnly ? ['HttpOnly'] : []),
    `SameSite=${sameSite}`,
  ].join('; ');
}
