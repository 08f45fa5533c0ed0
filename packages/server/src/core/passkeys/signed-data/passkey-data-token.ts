/** JWT `typ` of signed passkey data: a session token carries another, so neither passes as the other. */
export const passkeyDataTokenType = 'passkey-data+jwt';

/** How long signed passkey data is valid: long enough to reach the customer's backend. */
export const passkeyDataLifetimeSeconds = 300;

/** Clock skew tolerated on `nbf`/`exp` between Latchkey nodes. */
export const passkeyDataLeewaySeconds = 10;

/** The claims of signed passkey data, as Corbado documents them. */
export interface PasskeyDataClaims {
  iss: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  processId: string;
  username: string;
  credential: string;
  challengeId: string;
  webauthnId: string;
  isCUI: boolean;
}
