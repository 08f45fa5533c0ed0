/** JWT `typ` of session tokens (RFC 7519 §5.1); passkey data carries `passkey-data+jwt`. */
export const sessionTokenType = 'JWT';

/** Version of the session token's claim set, in its `version` claim. */
export const sessionTokenVersion = 2;

/** Clock skew tolerated on `exp`/`nbf` between Latchkey nodes. */
export const sessionTokenLeewaySeconds = 10;

/** The claims of a session token (docs/sessions.md). */
export interface SessionTokenClaims {
  iss: string;
  sub: string;
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  /** The long session it belongs to (`ses-…`). */
  sid: string;
  name: string;
  email: string;
  phone_number: string;
  /** The identifier the user logged in with. */
  orig: string;
  version: number;
}

/** Refresh tokens: a recognisable prefix plus 43 base62 characters (256 bits). */
const refreshTokenPrefix = 'lkr1_';
const refreshTokenShape = /^lkr1_[0-9A-Za-z]{43}$/;

/** A new opaque refresh token. */
export function newRefreshToken(random: { base62(length: number): string }): string {
  return `${refreshTokenPrefix}${random.base62(43)}`;
}

/** True when `value` can be a refresh token at all (checked before any database work). */
export function isRefreshTokenShape(value: string): boolean {
  return refreshTokenShape.test(value);
}
