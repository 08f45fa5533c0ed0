import { createHmac, timingSafeEqual } from 'node:crypto';

/** The example's own access tokens: `<payload>.<HMAC-SHA256>`, payload `{sub, exp}`. */
export interface AccessTokens {
  issue(userId: string): string;
  /** The user ID of a valid, unexpired token; undefined otherwise. */
  verify(token: string): string | undefined;
}

/** Creates the token issuer with a secret key and a lifetime (default one hour). */
export function createAccessTokens(options: {
  key: Buffer;
  lifetimeMs?: number;
  now?: () => number;
}): AccessTokens {
  const now = options.now ?? Date.now;
  const lifetimeMs = options.lifetimeMs ?? 60 * 60 * 1000;
  const mac = (payload: string) =>
    createHmac('sha256', options.key).update(payload).digest('base64url');
  return {
    issue(userId) {
      const payload = Buffer.from(
        JSON.stringify({ sub: userId, exp: now() + lifetimeMs }),
      ).toString('base64url');
      return `${payload}.${mac(payload)}`;
    },
    verify(token) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return undefined;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
        sub: string;
        exp: number;
      };
      return claims.exp > now() ? claims.sub : undefined;
    },
  };
}
