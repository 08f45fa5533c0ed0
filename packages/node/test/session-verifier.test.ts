import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify from 'fastify';
import { rotateSigningKeys } from '../../server/src/core/keys/rotate-signing-keys.js';
import { signJwt } from '../../server/src/core/keys/sign-jwt.js';
import { updateProject } from '../../server/src/core/projects/update-project.js';
import { databaseKinds } from '../../server/test/support/databases.js';
import { claimsOf, startSession } from '../../server/test/support/session-client.js';
import { createTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  createSessionVerifier,
  expressSession,
  fastifySession,
  SessionVerificationError,
} from '../src/index.js';

const rejectsWith = (code: string) => (error: unknown) =>
  error instanceof SessionVerificationError && error.code === code;

// One database is enough here: the helper only talks HTTP to a real Latchkey.
const [kind = 'sqlite'] = databaseKinds();

let server: TestServer;
let origin: string;
let fetches = 0;
const countingFetch: typeof fetch = (input, init) => {
  fetches++;
  return fetch(input, init);
};

before(async () => {
  server = await createTestServer(kind, { startMs: Date.now() });
  origin = await server.listen();
  server.project = await updateProject(server.deps, server.project.id, { frontendApiUrl: origin });
});
after(async () => server.close());

const verifierAt = (options: { now?: () => number } = {}) =>
  createSessionVerifier({
    frontendApiUrl: origin,
    projectId: server.project.id,
    fetch: countingFetch,
    ...options,
  });

test('verifies a Latchkey session token and returns its claims', async () => {
  const session = await startSession(server);
  const claims = await verifierAt().verify(session.sessionToken);
  assert.equal(claims.sub, session.userID);
  assert.equal(claims.iss, origin);
  assert.equal(claims.name, 'Ada Lovelace');
  assert.equal(claims.sid, claimsOf(session.sessionToken).sid);
});

test('refuses expired, tampered, passkey-data, other-project and other-issuer tokens', async () => {
  const session = await startSession(server);
  const verifier = verifierAt();
  await assert.rejects(
    verifierAt({ now: () => Date.now() + 60 * 60 * 1000 }).verify(session.sessionToken),
    rejectsWith('EXPIRED'),
  );
  const [header, , signature] = session.sessionToken.split('.');
  const forged = Buffer.from(
    JSON.stringify({ ...claimsOf(session.sessionToken), sub: 'usr-1' }),
  ).toString('base64url');
  await assert.rejects(
    verifier.verify(`${header}.${forged}.${signature}`),
    rejectsWith('BAD_SIGNATURE'),
  );
  const passkeyData = await signJwt(server.passkeys, {
    projectId: server.project.id,
    purpose: 'passkey-data',
    typ: 'passkey-data+jwt',
    claims: claimsOf(session.sessionToken),
  });
  await assert.rejects(verifier.verify(passkeyData), rejectsWith('WRONG_TYPE'));
  const other = await server.createProject('Other');
  const foreign = await signJwt(server.passkeys, {
    projectId: other.project.id,
    purpose: 'session',
    typ: 'JWT',
    claims: claimsOf(session.sessionToken),
  });
  await assert.rejects(verifier.verify(foreign), rejectsWith('UNKNOWN_KEY'));
  await assert.rejects(
    createSessionVerifier({
      frontendApiUrl: 'https://elsewhere.example',
      jwksUrl: `${origin}/.well-known/jwks`,
      projectId: server.project.id,
    }).verify(session.sessionToken),
    rejectsWith('WRONG_ISSUER'),
  );
  await assert.rejects(verifier.verify(undefined), rejectsWith('TOKEN_MISSING'));
  await assert.rejects(verifier.verify('a.b'), rejectsWith('TOKEN_MALFORMED'));
});

test('caches the JWKS; a new key ID after a rotation fetches it again', async () => {
  let clock = Date.now();
  const verifier = verifierAt({ now: () => clock });
  const first = await startSession(server);
  fetches = 0;
  await verifier.verify(first.sessionToken);
  await verifier.verify(first.sessionToken);
  assert.equal(fetches, 1);
  await rotateSigningKeys(server.passkeys, { projectId: server.project.id, purpose: 'session' });
  const second = await startSession(server);
  clock += 31_000;
  await verifier.verify(second.sessionToken);
  assert.equal(fetches, 2);
  // The old key is still in its overlap: the old token still verifies, without a fetch.
  await verifier.verify(first.sessionToken);
  assert.equal(fetches, 2);
});

test('Express middleware and Fastify hook: claims on the request, else 401', async () => {
  const session = await startSession(server);
  const verifier = verifierAt();
  const middleware = expressSession(verifier);
  const run = (headers: Record<string, string>) =>
    new Promise<{ status: number; session: unknown }>((resolve) => {
      const request = { headers } as never as Parameters<typeof middleware>[0];
      const fake = {
        statusCode: 200,
        setHeader() {},
        end() {
          resolve({ status: fake.statusCode, session: undefined });
        },
      };
      const response = fake as never as Parameters<typeof middleware>[1];
      middleware(request, response, () => resolve({ status: 200, session: request.session }));
    });
  const ok = await run({ authorization: `Bearer ${session.sessionToken}` });
  assert.equal(ok.status, 200);
  assert.equal((ok.session as { sub: string }).sub, session.userID);
  assert.equal((await run({ cookie: `cbo_session_token=${session.sessionToken}` })).status, 200);
  assert.equal((await run({})).status, 401);

  const app = Fastify();
  app.addHook('preHandler', fastifySession(verifier));
  app.get('/private', async (request) => ({
    user: (request as { session?: { sub: string } }).session?.sub,
  }));
  const allowed = await app.inject({
    method: 'GET',
    url: '/private',
    headers: { authorization: `Bearer ${session.sessionToken}` },
  });
  assert.deepEqual(allowed.json(), { user: session.userID });
  const denied = await app.inject({ method: 'GET', url: '/private' });
  assert.equal(denied.statusCode, 401);
  assert.deepEqual(denied.json(), { error: 'TOKEN_MISSING' });
  await app.close();
});
