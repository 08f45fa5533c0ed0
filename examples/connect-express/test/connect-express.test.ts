import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { databaseKinds } from '../../../packages/server/test/support/databases.js';
import { testOrigin } from '../../../packages/server/test/support/passkey-client.js';
import {
  createTestServer,
  type TestServer,
} from '../../../packages/server/test/support/test-server.js';
import {
  createSoftwareAuthenticator,
  type SoftwareAuthenticator,
} from '../../../packages/server/test/support/webauthn/software-authenticator.js';
import { createAccessTokens } from '../src/access-tokens.js';
import { createExampleApp } from '../src/app.js';
import { createLatchkeyClient } from '../src/latchkey-client.js';
import { createUserStore } from '../src/user-store.js';

// The example only talks HTTP to a live Latchkey: one database is enough.
const [kind = 'sqlite'] = databaseKinds();

type Json = Record<string, unknown>;

let latchkey: TestServer;
let latchkeyUrl: string;
let example: Server;
let exampleUrl: string;

before(async () => {
  latchkey = await createTestServer(kind, { startMs: Date.now() });
  latchkeyUrl = await latchkey.listen();
  const users = createUserStore();
  await users.add({
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    password: 'analytical engine',
  });
  await users.add({ email: 'bob@example.com', name: 'Bob', password: 'bobs password' });
  const app = createExampleApp({
    users,
    tokens: createAccessTokens({ key: randomBytes(32) }),
    latchkey: createLatchkeyClient({
      baseUrl: latchkeyUrl,
      projectId: latchkey.project.id,
      apiSecret: latchkey.apiSecret,
    }),
    page: { frontendApiUrl: latchkeyUrl, projectId: latchkey.project.id },
  });
  example = await new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  exampleUrl = `http://127.0.0.1:${(example.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => example.close(resolve));
  await latchkey.close();
});

const postJson = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
};

/** The example's backend. */
const exampleCall = (path: string, body: unknown, accessToken?: string) =>
  postJson(
    `${exampleUrl}${path}`,
    body,
    accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  );

/** Latchkey's Frontend API as the page calls it. */
const frontend = (path: string, body: unknown, process?: string) =>
  postJson(`${latchkeyUrl}/v2/connect${path}`, body, {
    origin: testOrigin,
    'x-corbado-projectid': latchkey.project.id,
    ...(process && { 'x-corbado-process-id': process }),
  });

const clientInformation = {
  isUserVerifyingPlatformAuthenticatorAvailable: true,
  isConditionalMediationAvailable: true,
  bluetoothAvailable: true,
  clientEnvHandle: 'example-browser',
};

const passwordLogin = async (email: string, password: string) => {
  const response = await exampleCall('/auth/login', { email, password });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.accessToken as string;
};

const connectToken = async (accessToken: string, tokenType: string) => {
  const response = await exampleCall('/auth/createConnectToken', { tokenType }, accessToken);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.connectToken as string;
};

const appendPasskey = async (authenticator: SoftwareAuthenticator, accessToken: string) => {
  const init = await frontend('/append/init', { clientInformation, flags: {} });
  const process = init.body.processID as string;
  const start = await frontend(
    '/append/start',
    { appendTokenValue: await connectToken(accessToken, 'passkey-append'), loadedMs: 1 },
    process,
  );
  assert.equal(start.status, 200, JSON.stringify(start.body));
  const credential = authenticator.createCredential(
    JSON.parse(start.body.attestationOptions as string),
    { origin: testOrigin },
  );
  return frontend('/append/finish', { attestationResponse: JSON.stringify(credential) }, process);
};

const passkeyLogin = async (authenticator: SoftwareAuthenticator, identifier: string) => {
  const init = await frontend('/login/init', { clientInformation, flags: {} });
  const process = init.body.token as string;
  const start = await frontend(
    '/login/start',
    { identifier, source: 'text-field', loadedMs: 1 },
    process,
  );
  const assertion = authenticator.getAssertion(JSON.parse(start.body.assertionOptions as string), {
    origin: testOrigin,
  });
  const finish = await frontend(
    '/login/finish',
    { isConditionalUI: false, assertionResponse: JSON.stringify(assertion) },
    process,
  );
  assert.equal(finish.status, 200, JSON.stringify(finish.body));
  return finish.body.signedPasskeyData as string;
};

const manage = async (accessToken: string, path: string, body: Json = {}) => {
  const init = await frontend('/manage/init', { clientInformation, flags: {} });
  const tokenType = path === '/manage/list' ? 'passkey-list' : 'passkey-delete';
  return frontend(
    path,
    { connectToken: await connectToken(accessToken, tokenType), ...body },
    init.body.processID as string,
  );
};

test('password login: wrong password and unknown users are the same 401', async () => {
  assert.equal(
    (await exampleCall('/auth/login', { email: 'ada@example.com', password: 'x' })).status,
    401,
  );
  assert.equal(
    (await exampleCall('/auth/login', { email: 'nobody@example.com', password: 'x' })).status,
    401,
  );
  assert.equal((await exampleCall('/auth/login', { email: 'ada@example.com' })).status, 400);
});

test('the whole cycle: token → passkey appended → listed → login → verified → example session', async () => {
  const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
  const password = await passwordLogin('ada@example.com', 'analytical engine');
  const appended = await appendPasskey(authenticator, password);
  assert.equal(appended.status, 200, JSON.stringify(appended.body));

  const listed = await manage(password, '/manage/list');
  const passkeys = listed.body.passkeys as Json[];
  assert.equal(passkeys.length, 1);

  const signed = await passkeyLogin(authenticator, 'ada@example.com');
  const session = await exampleCall('/auth/completeLogin', { signedPasskeyData: signed });
  assert.equal(session.status, 200, JSON.stringify(session.body));
  const me = await fetch(`${exampleUrl}/auth/me`, {
    headers: { authorization: `Bearer ${session.body.accessToken as string}` },
  });
  assert.deepEqual(await me.json(), {
    id: 'user-1',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
  });

  // Replayed signed passkey data gives no second session.
  assert.equal(
    (await exampleCall('/auth/completeLogin', { signedPasskeyData: signed })).status,
    401,
  );

  const deleted = await manage(password, '/manage/delete', {
    credentialID: (passkeys[0] as Json).id,
  });
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
  assert.deepEqual((await manage(password, '/manage/list')).body.passkeys, []);
});

test('completeLogin refuses tampered data and data presented for another user', async () => {
  const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
  const password = await passwordLogin('bob@example.com', 'bobs password');
  assert.equal((await appendPasskey(authenticator, password)).status, 200);
  const signed = await passkeyLogin(authenticator, 'bob@example.com');
  const [header, payload, signature] = signed.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
  const asAda = Buffer.from(JSON.stringify({ ...claims, username: 'ada@example.com' })).toString(
    'base64url',
  );
  assert.equal(
    (
      await exampleCall('/auth/completeLogin', {
        signedPasskeyData: `${header}.${asAda}.${signature}`,
      })
    ).status,
    401,
    'claims rewritten for another user',
  );
  assert.equal(
    (
      await exampleCall('/auth/completeLogin', {
        signedPasskeyData: `${header}.${payload}.x${signature}`,
      })
    ).status,
    401,
    'signature tampered',
  );
  assert.equal(
    (await exampleCall('/auth/completeLogin', { signedPasskeyData: signed })).status,
    200,
  );
});

test('createConnectToken needs the example’s access token and a known type', async () => {
  assert.equal(
    (await exampleCall('/auth/createConnectToken', { tokenType: 'passkey-append' })).status,
    401,
  );
  assert.equal(
    (await exampleCall('/auth/createConnectToken', { tokenType: 'passkey-append' }, 'forged.token'))
      .status,
    401,
  );
  const password = await passwordLogin('ada@example.com', 'analytical engine');
  assert.equal(
    (await exampleCall('/auth/createConnectToken', { tokenType: 'admin' }, password)).status,
    400,
  );
});
