// Sessions the way a customer's backend gets them: a passkey login with signed passkey data,
// then POST /v2/passkey/postLogin. Frontend API calls then carry the session token or the
// refresh token as a browser or an app would.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { assertOk } from './backend-assertions.js';
import { createUser, login, post, register } from './passkey-client.js';
import type { TestServer } from './test-server.js';
import {
  createSoftwareAuthenticator,
  type SoftwareAuthenticator,
} from './webauthn/software-authenticator.js';

type Server = Pick<TestServer, 'app' | 'authorization'>;

export interface SignedLogin {
  userID: string;
  authenticator: SoftwareAuthenticator;
  signedPasskeyData: string;
}

/**
 * A passkey login that returns signed passkey data: a new user with a new passkey, or,
 * given an earlier login, the same user and passkey again.
 */
export async function signedLogin(
  server: Server,
  existing?: Pick<SignedLogin, 'userID' | 'authenticator'>,
): Promise<SignedLogin> {
  let userID = existing?.userID;
  let authenticator = existing?.authenticator;
  if (!userID || !authenticator) {
    userID = await createUser(server);
    authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    assertOk(await register(server, authenticator, userID), 'passkeyAppendFinishRsp');
  }
  const finish = assertOk<{ signedPasskeyData: string }>(
    await login(server, authenticator, userID, {}, { signPasskeyData: true }),
    'passkeyLoginFinishRsp',
  );
  return { userID, authenticator, signedPasskeyData: finish.signedPasskeyData };
}

export interface StartedSession extends SignedLogin {
  sessionToken: string;
  refreshToken: string;
}

/** A signed login turned into a session through postLogin. */
export async function startSession(
  server: Server,
  existing?: Pick<SignedLogin, 'userID' | 'authenticator'>,
): Promise<StartedSession> {
  const signed = await signedLogin(server, existing);
  const response = await post(server, '/v2/passkey/postLogin', {
    signedPasskeyData: signed.signedPasskeyData,
  });
  assert.equal(response.statusCode, 200, response.body);
  const body = JSON.parse(response.body) as { session: string; longSession: string };
  return { ...signed, sessionToken: body.session, refreshToken: body.longSession };
}

/** The claims of a JWT, unchecked. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
}

/** The header of a JWT, unchecked. */
export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString());
}

/** Cookies a response sets, by name: value and attributes as sent. */
export function setCookies(response: LightMyRequestResponse): Map<string, string> {
  const header = response.headers['set-cookie'];
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line]));
}
