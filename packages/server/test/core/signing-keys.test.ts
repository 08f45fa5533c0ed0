import assert from 'node:assert/strict';
import { createPublicKey, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ConfigError } from '../../src/config/config.js';
import { createFixedClock } from '../../src/core/clock.js';
import type { LatchkeyError } from '../../src/core/errors.js';
import { activeKeyCacheMs } from '../../src/core/keys/active-key-cache.js';
import { ensureSigningKey } from '../../src/core/keys/ensure-signing-key.js';
import { verifyJws } from '../../src/core/keys/jws.js';
import { listPublicKeys } from '../../src/core/keys/list-public-keys.js';
import { listProjectSigningKeys } from '../../src/core/keys/list-signing-keys.js';
import { loadMasterKey } from '../../src/core/keys/master-key.js';
import { rotateSigningKeys } from '../../src/core/keys/rotate-signing-keys.js';
import { signJwt } from '../../src/core/keys/sign-jwt.js';
import {
  type KeyDeps,
  loadPrivateKey,
  type PublicJwk,
  type SigningAlgorithm,
} from '../../src/core/keys/signing-keys.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import { openDatabase } from '../../src/store/database.js';
import {
  createTestDatabase,
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

const hour = 60 * 60 * 1000;

/** Verifies a compact JWT against a JWKS; returns header and claims, or undefined. */
function verifyAgainst(jwks: PublicJwk[], token: string) {
  const [headerPart, payloadPart, signature] = token.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as {
    alg: SigningAlgorithm;
    kid: string;
    typ: string;
  };
  const jwk = jwks.find((k) => k.kid === header.kid);
  if (!jwk || jwk.alg !== header.alg) return undefined;
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  if (!verifyJws(header.alg, key, `${headerPart}.${payloadPart}`, signature)) return undefined;
  return { header, claims: JSON.parse(Buffer.from(payloadPart, 'base64url').toString()) };
}

describeEachDatabase('signing keys', (kind) => {
  let database: TestDatabase;
  let deps: KeyDeps;
  let clock: ReturnType<typeof createFixedClock>;
  before(async () => {
    database = await createTestDatabase(kind);
    clock = createFixedClock(Date.UTC(2026, 0, 1));
    deps = { db: database.handle.db, clock, random: cryptoRandom, masterKey: randomBytes(32) };
  });
  after(async () => {
    await database.cleanup();
  });

  const newProject = () => createProject(deps, { name: 'P', origins: ['https://a.example.com'] });

  test('keys are created lazily, one per purpose, and reused', async () => {
    const project = await newProject();
    assert.deepEqual(await listPublicKeys(deps, project.id), []);
    assert.deepEqual(await listProjectSigningKeys(deps, project.id), []);
    const key = await ensureSigningKey(deps, { projectId: project.id, purpose: 'passkey-data' });
    assert.match(key.id, /^pki-[0-9]{19}$/);
    assert.equal(key.algorithm, 'RS256');
    assert.equal(key.status, 'active');
    const again = await ensureSigningKey(deps, { projectId: project.id, purpose: 'passkey-data' });
    assert.equal(again.id, key.id);
    const session = await ensureSigningKey(deps, { projectId: project.id, purpose: 'session' });
    assert.notEqual(session.id, key.id);
    const jwks = await listPublicKeys(deps, project.id);
    assert.deepEqual(jwks.map((k) => k.kid).sort(), [key.id, session.id].sort());
    for (const jwk of jwks) {
      assert.equal(jwk.use, 'sig');
      assert.equal(jwk.alg, 'RS256');
      assert.equal(jwk.kty, 'RSA');
      assert.equal(jwk.d, undefined, 'no private part in the JWKS');
    }
    assert.deepEqual(
      (await listPublicKeys(deps, project.id, 'session')).map((k) => k.kid),
      [session.id],
    );
  });

  test('ES256 and EdDSA keys sign JWTs that verify against their public JWK', async () => {
    for (const algorithm of ['ES256', 'EdDSA'] as const) {
      const project = await newProject();
      await ensureSigningKey(deps, { projectId: project.id, purpose: 'session', algorithm });
      const token = await signJwt(deps, {
        projectId: project.id,
        purpose: 'session',
        typ: 'JWT',
        claims: { sub: 'usr-1' },
      });
      const verified = verifyAgainst(await listPublicKeys(deps, project.id), token);
      assert.ok(verified, algorithm);
      assert.equal(verified.header.alg, algorithm);
    }
  });

  test('validation: unknown purpose or algorithm, unknown project', async () => {
    const project = await newProject();
    await assert.rejects(
      ensureSigningKey(deps, { projectId: project.id, purpose: 'other' }),
      (e: LatchkeyError) => e.code === 'VALIDATION_FAILED' && e.validation[0]?.field === 'purpose',
    );
    await assert.rejects(
      ensureSigningKey(deps, {
        projectId: project.id,
        purpose: 'session',
        algorithm: 'HS256' as never,
      }),
      (e: LatchkeyError) =>
        e.code === 'VALIDATION_FAILED' && e.validation[0]?.field === 'algorithm',
    );
    await assert.rejects(
      ensureSigningKey(deps, { projectId: 'pro-1234567890123456789', purpose: 'session' }),
      (e: LatchkeyError) => e.code === 'PROJECT_NOT_FOUND',
    );
    await assert.rejects(
      rotateSigningKeys(deps, { projectId: project.id, purpose: 'all', overlapMs: -1 }),
      (e: LatchkeyError) =>
        e.code === 'VALIDATION_FAILED' && e.validation[0]?.field === 'overlapMs',
    );
    await assert.rejects(
      rotateSigningKeys(deps, { projectId: 'pro-1234567890123456789', purpose: 'all' }),
      (e: LatchkeyError) => e.code === 'PROJECT_NOT_FOUND',
    );
    assert.deepEqual(await listProjectSigningKeys(deps, project.id), [], 'nothing written');
  });

  test('the private key is stored only encrypted and decrypts with the right master key only', async () => {
    const project = await newProject();
    const key = await ensureSigningKey(deps, { projectId: project.id, purpose: 'passkey-data' });
    const row = await deps.db
      .selectFrom('signing_keys')
      .selectAll()
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    assert.match(row.encrypted_private_key, /^v1:/);
    assert.ok(!row.encrypted_private_key.includes('PRIVATE KEY'));
    assert.ok(!row.public_jwk.includes('"d"'), 'the public JWK has no private member');
    for (const column of Object.values(row)) {
      assert.ok(!String(column).includes('BEGIN'), 'no PEM in any column');
    }
    const privateKey = loadPrivateKey(deps.masterKey, key);
    assert.equal(privateKey.type, 'private');
    assert.throws(
      () => loadPrivateKey(randomBytes(32), key),
      (e: LatchkeyError) => e.code === 'INTERNAL',
    );
    // A ciphertext moved to another row (another key ID) does not decrypt there.
    const other = await ensureSigningKey(deps, { projectId: project.id, purpose: 'session' });
    assert.throws(
      () =>
        loadPrivateKey(deps.masterKey, { ...other, encryptedPrivateKey: key.encryptedPrivateKey }),
      (e: LatchkeyError) => e.code === 'INTERNAL',
    );
  });

  test('concurrent first uses end with one active key', async () => {
    const project = await newProject();
    const keys = await Promise.all(
      Array.from({ length: 8 }, () =>
        ensureSigningKey(deps, { projectId: project.id, purpose: 'session', algorithm: 'ES256' }),
      ),
    );
    assert.equal(new Set(keys.map((k) => k.id)).size, 1);
    const rows = await deps.db
      .selectFrom('signing_keys')
      .select(['id', 'status'])
      .where('project_id', '=', project.id)
      .execute();
    assert.deepEqual(rows, [{ id: keys[0]!.id, status: 'active' }]);
  });

  test('the database allows only one active key per project and purpose', async () => {
    const project = await newProject();
    const key = await ensureSigningKey(deps, { projectId: project.id, purpose: 'session' });
    await assert.rejects(
      deps.db
        .insertInto('signing_keys')
        .values({
          id: 'pki-1111111111111111111',
          project_id: project.id,
          purpose: 'session',
          algorithm: key.algorithm,
          public_jwk: key.publicJwk,
          encrypted_private_key: key.encryptedPrivateKey,
          status: 'active',
          created_at: 1,
          activated_at: 1,
          retire_after: null,
        })
        .execute(),
    );
  });

  test('rotation: old key stays published until retire_after, tokens it signed verify meanwhile', async () => {
    const project = await newProject();
    const claims = { iss: project.id, sub: 'usr-1' };
    const before = await signJwt(deps, {
      projectId: project.id,
      purpose: 'passkey-data',
      typ: 'passkey-data+jwt',
      claims,
    });
    const first = verifyAgainst(await listPublicKeys(deps, project.id), before);
    assert.ok(first);
    assert.equal(first.header.typ, 'passkey-data+jwt');
    assert.deepEqual(first.claims, claims);
    const oldKid = first.header.kid;
    assert.match(oldKid, /^pki-[0-9]{19}$/);

    const rotated = await rotateSigningKeys(deps, {
      projectId: project.id,
      purpose: 'passkey-data',
      overlapMs: 2 * hour,
    });
    assert.equal(rotated.length, 1);
    assert.equal(rotated[0]!.retiringId, oldKid);
    assert.equal(rotated[0]!.retireAfter, clock.now() + 2 * hour);
    const newKid = rotated[0]!.active.id;
    assert.notEqual(newKid, oldKid);

    const after = await signJwt(deps, {
      projectId: project.id,
      purpose: 'passkey-data',
      typ: 'passkey-data+jwt',
      claims,
    });
    let jwks = await listPublicKeys(deps, project.id);
    assert.deepEqual(jwks.map((k) => k.kid).sort(), [newKid, oldKid].sort());
    assert.equal(verifyAgainst(jwks, after)?.header.kid, newKid, 'new tokens use the new key');
    assert.ok(verifyAgainst(jwks, before), 'old tokens verify during the overlap');
    const listed = await listProjectSigningKeys(deps, project.id);
    assert.deepEqual(
      listed.map((k) => [k.id, k.status, k.published]),
      [
        [newKid, 'active', true],
        [oldKid, 'retiring', true],
      ],
    );

    clock.advance(2 * hour - 1);
    assert.equal((await listPublicKeys(deps, project.id)).length, 2);
    clock.advance(1);
    jwks = await listPublicKeys(deps, project.id);
    assert.deepEqual(
      jwks.map((k) => k.kid),
      [newKid],
      'gone from the JWKS once the overlap ended',
    );
    assert.equal(verifyAgainst(jwks, before), undefined);
    assert.ok(verifyAgainst(jwks, after));

    // The next rotation marks it retired in the table too; the default overlap is 24 h.
    const next = await rotateSigningKeys(deps, { projectId: project.id, purpose: 'all' });
    assert.deepEqual(
      next.map((r) => r.purpose),
      ['passkey-data', 'session'],
    );
    assert.equal(next[0]!.retiringId, newKid);
    assert.equal(next[0]!.retireAfter, clock.now() + 24 * hour);
    assert.equal(next[1]!.retiringId, undefined, 'no session key existed: one is made');
    const oldRow = await deps.db
      .selectFrom('signing_keys')
      .select('status')
      .where('id', '=', oldKid)
      .executeTakeFirstOrThrow();
    assert.equal(oldRow.status, 'retired');
    const active = await deps.db
      .selectFrom('signing_keys')
      .select(['purpose'])
      .where('project_id', '=', project.id)
      .where('status', '=', 'active')
      .execute();
    assert.deepEqual(active.map((r) => r.purpose).sort(), ['passkey-data', 'session']);
  });

  test('a node signs with the key it read for activeKeyCacheMs; its own rotations apply at once', async () => {
    const project = await newProject();
    const kidOf = async (on: KeyDeps) =>
      JSON.parse(
        Buffer.from(
          (
            await signJwt(on, {
              projectId: project.id,
              purpose: 'session',
              typ: 'JWT',
              claims: { sub: 'usr-1' },
            })
          ).split('.')[0]!,
          'base64url',
        ).toString(),
      ).kid as string;
    const first = await kidOf(deps);
    // Another node: a second handle on the same database, rotating the key.
    const other = openDatabase({
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir,
      poolSize: 1,
    });
    try {
      const otherDeps: KeyDeps = { ...deps, db: other.db };
      const [rotated] = await rotateSigningKeys(otherDeps, {
        projectId: project.id,
        purpose: 'session',
      });
      assert.equal(
        await kidOf(otherDeps),
        rotated!.active.id,
        'the rotating node switches at once',
      );
      assert.equal(await kidOf(deps), first, 'this node still signs with the key it read');
      clock.advance(activeKeyCacheMs);
      assert.equal(await kidOf(deps), rotated!.active.id, 'then it reads the new key');
      // A rotation through this node's own handle applies to its next signature.
      const [again] = await rotateSigningKeys(deps, { projectId: project.id, purpose: 'session' });
      assert.equal(await kidOf(deps), again!.active.id);
    } finally {
      await other.close();
    }
  });

  test('concurrent rotations never leave two active keys', async () => {
    const project = await newProject();
    await ensureSigningKey(deps, { projectId: project.id, purpose: 'session', algorithm: 'EdDSA' });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        rotateSigningKeys(deps, { projectId: project.id, purpose: 'session' }),
      ),
    );
    assert.ok(results.some((r) => r.status === 'fulfilled'));
    for (const r of results) {
      if (r.status === 'rejected') assert.equal((r.reason as LatchkeyError).code, 'CONFLICT');
    }
    const active = await deps.db
      .selectFrom('signing_keys')
      .select('id')
      .where('project_id', '=', project.id)
      .where('status', '=', 'active')
      .execute();
    assert.equal(active.length, 1);
  });

  test('deleting the project deletes its keys', async () => {
    const project = await newProject();
    await ensureSigningKey(deps, { projectId: project.id, purpose: 'session', algorithm: 'ES256' });
    await deps.db.deleteFrom('projects').where('id', '=', project.id).execute();
    const rows = await deps.db
      .selectFrom('signing_keys')
      .select('id')
      .where('project_id', '=', project.id)
      .execute();
    assert.equal(rows.length, 0);
  });
});

test('master key: dev (SQLite) generates <dataDir>/master.key with mode 0600 and reuses it', async (t) => {
  const location = await createTestDatabaseLocation('sqlite');
  t.after(() => location.cleanup());
  const dataDir = path.join(location.dataDir, 'nested');
  const source = { masterKey: undefined, databaseUrl: undefined, dataDir };
  const first = loadMasterKey(source);
  assert.equal(first.length, 32);
  const file = path.join(dataDir, 'master.key');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(loadMasterKey(source), first);
  const configured = randomBytes(32);
  assert.deepEqual(loadMasterKey({ ...source, masterKey: configured }), configured);
});

test('master key: PostgreSQL without LATCHKEY_MASTER_KEY is refused with the fix', () => {
  assert.throws(
    () =>
      loadMasterKey({
        masterKey: undefined,
        databaseUrl: 'postgres://x@127.0.0.1/db',
        dataDir: '/nonexistent',
      }),
    (e: Error) =>
      e instanceof ConfigError &&
      /LATCHKEY_MASTER_KEY/.test(e.message) &&
      /every node/.test(e.message) &&
      /openssl rand -base64 32/.test(e.message),
  );
  const key = randomBytes(32);
  assert.deepEqual(
    loadMasterKey({ masterKey: key, databaseUrl: 'postgres://x@127.0.0.1/db', dataDir: '/x' }),
    key,
  );
});
