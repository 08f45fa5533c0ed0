import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import { LatchkeyError } from '../../src/core/errors.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { getProject } from '../../src/core/projects/get-project.js';
import { updateProject } from '../../src/core/projects/update-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import { createRateLimiter } from '../../src/core/rate-limit/rate-limiter.js';
import { createSession } from '../../src/core/sessions/create-session.js';
import { logoutByRefreshToken, revokeSession } from '../../src/core/sessions/end-session.js';
import { refreshSession } from '../../src/core/sessions/refresh-session.js';
import type { SessionDeps } from '../../src/core/sessions/session-deps.js';
import { verifySessionToken } from '../../src/core/sessions/verify-session-token.js';
import { createUser } from '../../src/core/users/create-user.js';
import { deleteUser } from '../../src/core/users/delete-user.js';
import { updateUser } from '../../src/core/users/update-user.js';
import { type DatabaseHandle, openDatabase } from '../../src/store/database.js';
import { findProject, type ProjectRecord } from '../../src/store/project.store.js';
import { findSession } from '../../src/store/session.store.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

const hasCode = (code: string) => (error: unknown) =>
  error instanceof LatchkeyError && error.code === code;
const minute = 60 * 1000;
const day = 24 * 60 * minute;

describeEachDatabase('sessions: issue, refresh, reuse, end, expiry', (kind) => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  let deps: SessionDeps;
  let clock: ReturnType<typeof createFixedClock>;
  let project: ProjectRecord;
  let otherProjectId: string;

  before(async () => {
    database = await createTestDatabase(kind);
    second = openDatabase({
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir,
      poolSize: 4,
    });
    clock = createFixedClock(Date.UTC(2026, 0, 1));
    const core = { db: database.handle.db, clock, random: cryptoRandom };
    deps = {
      ...core,
      masterKey: randomBytes(32),
      publicUrl: () => 'http://localhost:8080',
      // Generous, so the tests below are not limited by it.
      rateLimiter: createRateLimiter(core),
    };
    project = await createProject(deps, {
      name: 'A',
      origins: ['http://localhost:8080'],
      session: { idleLifetimeSeconds: 3600, absoluteLifetimeSeconds: 4 * 3600 },
    });
    otherProjectId = (await createProject(deps, { name: 'B', origins: ['http://localhost:8080'] }))
      .id;
  });
  after(async () => {
    await second.close();
    await database.cleanup();
  });

  async function newUser(status: 'active' | 'pending' = 'active') {
    return (await createUser(deps, project.id, { fullName: 'Ada', status })).id;
  }
  const start = async (userId: string) =>
    // The project as a request reads it: with the settings a test changed since.
    createSession(deps, {
      project: await getProject(deps, project.id),
      userId,
      identifierValue: 'ada@example.com',
    });
  const refresh = (refreshToken: string, projectId = project.id) =>
    refreshSession(deps, projectId, { refreshToken, clientAddress: '127.0.0.1' });
  const statusOf = async (id: string) => (await findSession(deps.db, project.id, id))?.status;

  test('a session has an opaque refresh token, stored only as its SHA-256', async () => {
    const issued = await start(await newUser());
    assert.match(issued.refreshToken, /^lkr1_[0-9A-Za-z]{43}$/);
    assert.match(issued.session.id, /^ses-\d{19}$/);
    const row = await database.handle.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', issued.session.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.refresh_token_hash, issued.refreshToken);
    assert.match(row.refresh_token_hash, /^[0-9a-f]{64}$/);
    assert.equal(Number(row.expires_at), clock.now() + 3600 * 1000);
    assert.equal(Number(row.absolute_expires_at), clock.now() + 4 * 3600 * 1000);
    const verified = await verifySessionToken(deps, project, issued.sessionToken);
    assert.equal(verified.session.id, issued.session.id);
  });

  test('pending users get no session', async () => {
    await assert.rejects(start(await newUser('pending')), hasCode('USER_NOT_ACTIVE'));
  });

  test('refresh rotates the token; the new one works, the old one revokes the session', async () => {
    const issued = await start(await newUser());
    clock.advance(minute);
    const next = await refresh(issued.refreshToken);
    assert.notEqual(next.refreshToken, issued.refreshToken);
    assert.equal(next.session.id, issued.session.id);
    assert.equal(next.session.lastActionAt, clock.now());
    const third = await refresh(next.refreshToken);
    // The first token, two rotations ago, is replayed: the whole session ends.
    await assert.rejects(refresh(issued.refreshToken), hasCode('SESSION_INVALID'));
    assert.equal(await statusOf(issued.session.id), 'revoked');
    await assert.rejects(refresh(third.refreshToken), hasCode('SESSION_INVALID'));
    await assert.rejects(
      verifySessionToken(deps, project, third.sessionToken),
      hasCode('SESSION_INVALID'),
    );
  });

  test('of concurrent refreshes with one token on two nodes, exactly one wins', async () => {
    const issued = await start(await newUser());
    // SQLite is one node: a second synchronous connection in this process would only wait
    // for the first one's lock while blocking it. PostgreSQL gets a second pool.
    const otherNode: SessionDeps = kind === 'postgres' ? { ...deps, db: second.db } : deps;
    const results = await Promise.allSettled([
      refresh(issued.refreshToken),
      refreshSession(otherNode, project.id, {
        refreshToken: issued.refreshToken,
        clientAddress: '127.0.0.2',
      }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    // The loser presented a rotated-out token: treated as reuse.
    assert.equal(await statusOf(issued.session.id), 'revoked');
  });

  test('unknown, malformed and other-project tokens are refused alike', async () => {
    const issued = await start(await newUser());
    await assert.rejects(refresh(`lkr1_${'A'.repeat(43)}`), hasCode('SESSION_INVALID'));
    await assert.rejects(refresh('garbage'), hasCode('SESSION_INVALID'));
    await assert.rejects(refresh(issued.refreshToken, otherProjectId), hasCode('SESSION_INVALID'));
    // …and the other project's refusal did not touch it.
    assert.ok(await refresh(issued.refreshToken));
  });

  test('logout ends the session; logging out again is no error', async () => {
    const issued = await start(await newUser());
    assert.equal(await logoutByRefreshToken(deps, project.id, issued.refreshToken), true);
    assert.equal(await statusOf(issued.session.id), 'logged_out');
    assert.equal(await logoutByRefreshToken(deps, project.id, issued.refreshToken), false);
    await assert.rejects(refresh(issued.refreshToken), hasCode('SESSION_INVALID'));
  });

  test('revoke by ID; unknown IDs are SESSION_NOT_FOUND, other projects cannot', async () => {
    const issued = await start(await newUser());
    await assert.rejects(
      revokeSession(deps, otherProjectId, issued.session.id),
      hasCode('SESSION_NOT_FOUND'),
    );
    await revokeSession(deps, project.id, issued.session.id);
    await revokeSession(deps, project.id, issued.session.id);
    assert.equal(await statusOf(issued.session.id), 'revoked');
    await assert.rejects(refresh(issued.refreshToken), hasCode('SESSION_INVALID'));
    await assert.rejects(
      revokeSession(deps, project.id, 'ses-1234567890123456789'),
      hasCode('SESSION_NOT_FOUND'),
    );
    await assert.rejects(revokeSession(deps, project.id, 'nope'), hasCode('VALIDATION_FAILED'));
  });

  test('disabling a user revokes all of its sessions; deleting removes them', async () => {
    const userId = await newUser();
    const a = await start(userId);
    const b = await start(userId);
    await updateUser(deps, project.id, userId, { status: 'disabled' });
    assert.equal(await statusOf(a.session.id), 'revoked');
    assert.equal(await statusOf(b.session.id), 'revoked');
    await assert.rejects(refresh(a.refreshToken), hasCode('SESSION_INVALID'));

    const other = await newUser();
    const c = await start(other);
    await deleteUser(deps, project.id, other);
    assert.equal(await statusOf(c.session.id), undefined);
    await assert.rejects(refresh(c.refreshToken), hasCode('SESSION_INVALID'));
  });

  test('idle expiry: a session unused for the idle lifetime ends; refreshing moves it', async () => {
    const issued = await start(await newUser());
    clock.advance(59 * minute);
    const next = await refresh(issued.refreshToken);
    assert.equal(next.session.expiresAt, clock.now() + 60 * minute);
    clock.advance(60 * minute);
    await assert.rejects(refresh(next.refreshToken), hasCode('SESSION_INVALID'));
    const stored = await findSession(deps.db, project.id, issued.session.id);
    assert.equal(stored?.status, 'active');
  });

  test('absolute expiry: however often refreshed, the session ends at its absolute end', async () => {
    const issued = await start(await newUser());
    let token = issued.refreshToken;
    for (let i = 0; i < 7; i++) {
      clock.advance(30 * minute);
      token = (await refresh(token)).refreshToken;
    }
    // 3.5 hours in: the idle limit is capped at the 4-hour absolute end.
    const stored = await findSession(deps.db, project.id, issued.session.id);
    assert.equal(stored?.expiresAt, issued.session.absoluteExpiresAt);
    clock.advance(30 * minute);
    await assert.rejects(refresh(token), hasCode('SESSION_INVALID'));
  });

  test('session tokens: expired ones and other projects are refused', async () => {
    const issued = await start(await newUser());
    const other = await findProject(deps.db, otherProjectId);
    assert.ok(other);
    await assert.rejects(
      verifySessionToken(deps, other, issued.sessionToken),
      hasCode('SESSION_INVALID'),
    );
    clock.advance(5 * minute + 10_000);
    await assert.rejects(
      verifySessionToken(deps, project, issued.sessionToken),
      hasCode('SESSION_INVALID'),
    );
  });

  test('changing the project algorithm rotates the session key at the next issuance', async () => {
    const header = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as {
        alg: string;
        kid: string;
      };
    const before = await start(await newUser());
    assert.equal(header(before.sessionToken).alg, 'RS256');
    project = await updateProject(deps, project.id, { session: { algorithm: 'ES256' } });
    const after = await start(await newUser());
    assert.equal(header(after.sessionToken).alg, 'ES256');
    assert.notEqual(header(after.sessionToken).kid, header(before.sessionToken).kid);
    // The RS256 token still verifies: its key is in its overlap.
    assert.ok(await verifySessionToken(deps, project, before.sessionToken));
    project = await updateProject(deps, project.id, { session: { algorithm: 'EdDSA' } });
    const eddsa = await start(await newUser());
    assert.equal(header(eddsa.sessionToken).alg, 'EdDSA');
    project = await updateProject(deps, project.id, { session: { algorithm: 'RS256' } });
  });

  test('bad session settings are refused naming the field', async () => {
    await assert.rejects(
      updateProject(deps, project.id, { session: { algorithm: 'HS256' } }),
      (error: unknown) =>
        error instanceof LatchkeyError && error.validation[0]?.field === 'session.algorithm',
    );
    await assert.rejects(
      updateProject(deps, project.id, { session: { idleLifetimeSeconds: 5 * 3600 } }),
      (error: unknown) =>
        error instanceof LatchkeyError &&
        error.validation[0]?.field === 'session.idleLifetimeSeconds',
    );
    await assert.rejects(
      updateProject(deps, project.id, { session: { tokenLifetimeSeconds: 1 } }),
      hasCode('VALIDATION_FAILED'),
    );
    await assert.rejects(
      updateProject(deps, project.id, { session: { surprise: true } }),
      hasCode('VALIDATION_FAILED'),
    );
    assert.ok(day);
  });
});
