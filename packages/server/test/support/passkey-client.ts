// Drives the Backend API's passkey ceremonies the way a customer's backend plus a browser
// would: start → software authenticator → finish. Each step is separate so negative tests can
// tamper with what goes in between.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { assertOk } from './backend-assertions.js';
import type { TestServer } from './test-server.js';
import type {
  CreateContext,
  GetContext,
  SoftwareAuthenticator,
} from './webauthn/software-authenticator.js';

export const testOrigin = 'http://localhost:8080';

/** A clientInformation as Corbado's web SDK sends it for desktop Chrome on macOS. */
export function clientInformation(overrides: Record<string, unknown> = {}) {
  return {
    remoteAddress: '127.0.0.1',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    userVerifyingPlatformAuthenticatorAvailable: true,
    conditionalMediationAvailable: true,
    bluetoothAvailable: true,
    parsedDeviceInfo: {
      browserName: 'Chrome',
      browserVersion: '131',
      osName: 'macOS',
      osVersion: '10.15.7',
    },
    ...overrides,
  };
}

type Server = Pick<TestServer, 'app' | 'authorization'>;

export async function post(
  server: Server,
  url: string,
  payload: unknown,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url,
    headers: { authorization: server.authorization },
    payload: payload as Record<string, unknown>,
  });
}

/** Creates an active user through the Backend API (checked against the spec) and returns its ID. */
export async function createUser(server: Server, fullName = 'Ada Lovelace'): Promise<string> {
  const response = await post(server, '/v2/users', { fullName, status: 'active' });
  return assertOk<{ userID: string }>(response, 'user').userID;
}

export async function appendStart(
  server: Server,
  userID: string,
  overrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return post(server, '/v2/passkey/append/start', {
    userID,
    processID: 'process-1',
    username: 'ada@example.com',
    clientInformation: clientInformation(),
    passkeyIntelFlags: { forcePasskeyAppend: true },
    ...overrides,
  });
}

export async function appendFinish(
  server: Server,
  userID: string,
  attestationResponse: unknown,
  overrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return post(server, '/v2/passkey/append/finish', {
    userID,
    processID: 'process-1',
    attestationResponse: JSON.stringify(attestationResponse),
    clientInformation: clientInformation(),
    trackingID: 'tracking-1',
    ...overrides,
  });
}

/** Start, create with the authenticator, finish; returns the finish response. */
export async function register(
  server: Server,
  authenticator: SoftwareAuthenticator,
  userID: string,
  ctx: Partial<CreateContext> = {},
): Promise<LightMyRequestResponse> {
  const start = await appendStart(server, userID);
  assert.equal(start.statusCode, 200, start.body);
  const options = JSON.parse(
    (JSON.parse(start.body) as { attestationOptions: string }).attestationOptions,
  );
  const credential = authenticator.createCredential(options, { origin: testOrigin, ...ctx });
  return appendFinish(server, userID, credential);
}

export async function loginStart(
  server: Server,
  userID: string,
  overrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return post(server, '/v2/passkey/login/start', {
    userID,
    clientInformation: clientInformation(),
    crossDeviceAuthenticationStrategy: 'standard',
    processID: 'process-2',
    ...overrides,
  });
}

export async function loginFinish(
  server: Server,
  userID: string,
  assertionResponse: unknown,
  overrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return post(server, '/v2/passkey/login/finish', {
    userID,
    assertionResponse: JSON.stringify(assertionResponse),
    clientInformation: clientInformation(),
    processID: 'process-2',
    trackingID: 'tracking-2',
    ...overrides,
  });
}

/** The `publicKey` options inside a start response's options string. */
export function optionsOf(
  response: LightMyRequestResponse,
  member: 'attestationOptions' | 'assertionOptions',
) {
  const text = (JSON.parse(response.body) as Record<string, string>)[member] as string;
  return JSON.parse(text) as { publicKey: Record<string, unknown> & { challenge: string } };
}

/** Start, sign with the authenticator, finish; returns the finish response. */
export async function login(
  server: Server,
  authenticator: SoftwareAuthenticator,
  userID: string,
  ctx: Partial<GetContext> = {},
  finishOverrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  const start = await loginStart(server, userID);
  assert.equal(start.statusCode, 200, start.body);
  const assertion = authenticator.getAssertion(optionsOf(start, 'assertionOptions') as never, {
    origin: testOrigin,
    ...ctx,
  });
  return loginFinish(server, userID, assertion, finishOverrides);
}

export async function mediationStart(server: Server): Promise<LightMyRequestResponse> {
  return post(server, '/v2/passkey/mediation/start', { clientInformation: clientInformation() });
}

export async function mediationFinish(
  server: Server,
  assertionResponse: unknown,
  overrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return post(server, '/v2/passkey/mediation/finish', {
    assertionResponse: JSON.stringify(assertionResponse),
    clientInformation: clientInformation(),
    processID: 'process-3',
    trackingID: 'tracking-3',
    ...overrides,
  });
}
