import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { defaultWebauthnSettings, relyingPartyOf } from '../../src/core/passkeys/relying-party.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { updateProject } from '../../src/core/projects/update-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import { findProject } from '../../src/store/project.store.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

const androidOrigin = `android:apk-key-hash:${createHash('sha256').update('app cert').digest('base64url')}`;

describeEachDatabase('project relying-party settings', (kind) => {
  let database: TestDatabase;
  let deps: CoreDeps;
  before(async () => {
    database = await createTestDatabase(kind);
    deps = {
      db: database.handle.db,
      clock: createFixedClock(Date.UTC(2026, 0, 1)),
      random: cryptoRandom,
    };
  });
  after(async () => {
    await database.cleanup();
  });

  test('a new project stores only the settings given; the rest are the defaults', async () => {
    const created = await createProject(deps, {
      name: 'Shop',
      origins: ['https://shop.example'],
      webauthn: { userVerification: 'required', algorithms: [-8, -7] },
    });
    const stored = await findProject(deps.db, created.id);
    assert.ok(stored);
    assert.deepEqual(stored.webauthn, { userVerification: 'required', algorithms: [-8, -7] });
    const rp = relyingPartyOf(stored);
    assert.equal(rp.userVerification, 'required');
    assert.deepEqual(rp.algorithms, [-8, -7]);
    assert.equal(rp.timeoutMs, defaultWebauthnSettings.timeoutMs);
    assert.equal(rp.residentKey, defaultWebauthnSettings.residentKey);
  });

  test('update merges into the stored settings and keeps what it does not name', async () => {
    const project = await createProject(deps, {
      name: 'Merge',
      origins: ['https://merge.example'],
      webauthn: { attestation: 'direct', timeoutMs: 120_000 },
    });
    const updated = await updateProject(deps, project.id, {
      webauthn: { timeoutMs: 60_000, authenticatorAttachment: null, allowCrossOrigin: true },
    });
    assert.deepEqual(updated.webauthn, {
      attestation: 'direct',
      timeoutMs: 60_000,
      authenticatorAttachment: null,
      allowCrossOrigin: true,
    });
    const renamed = await updateProject(deps, project.id, { name: 'Merged' });
    assert.deepEqual(renamed.webauthn, updated.webauthn, 'other updates leave the settings alone');
    assert.deepEqual((await findProject(deps.db, project.id))?.webauthn, updated.webauthn);
  });

  test('bad settings are refused naming the field, and nothing is stored', async () => {
    await assert.rejects(
      createProject(deps, {
        name: 'Bad',
        origins: ['https://bad.example'],
        webauthn: { timeoutMs: 5 },
      }),
      (error: { code: string; validation: { field: string }[] }) =>
        error.code === 'VALIDATION_FAILED' && error.validation[0]?.field === 'webauthn.timeoutMs',
    );
    const project = await createProject(deps, { name: 'Kept', origins: ['https://kept.example'] });
    await assert.rejects(
      updateProject(deps, project.id, {
        webauthn: { userVerification: 'required', algorithms: ['ES256', 'HS256'] },
      }),
      (error: { code: string; validation: { field: string }[] }) =>
        error.code === 'VALIDATION_FAILED' &&
        error.validation[0]?.field === 'webauthn.algorithms[1]',
    );
    assert.deepEqual((await findProject(deps.db, project.id))?.webauthn, {});
  });

  test('Android app origins are allowed origins and need no host under the RP ID', async () => {
    const project = await createProject(deps, {
      name: 'App',
      origins: ['https://app.example', androidOrigin],
    });
    assert.equal(project.rpId, 'app.example');
    assert.deepEqual(project.allowedOrigins, ['https://app.example', androidOrigin]);
    assert.deepEqual(relyingPartyOf(project).origins, ['https://app.example', androidOrigin]);

    // With only an app origin there is no host to derive the RP ID from.
    await assert.rejects(createProject(deps, { name: 'App only', origins: [androidOrigin] }), {
      code: 'VALIDATION_FAILED',
    });
    const appOnly = await createProject(deps, {
      name: 'App only',
      origins: [androidOrigin],
      rpId: 'app.example',
    });
    assert.equal(appOnly.rpId, 'app.example');
    await assert.rejects(
      updateProject(deps, appOnly.id, { origins: [`${androidOrigin}=`] }),
      (error: { validation: { field: string }[] }) => error.validation[0]?.field === 'origins[0]',
    );
  });

  test('an origin outside the RP ID needs to be a related origin, on create and update', async () => {
    const origins = ['https://example.com', 'https://example.de'];
    await assert.rejects(createProject(deps, { name: 'Two', origins, rpId: 'example.com' }), {
      code: 'VALIDATION_FAILED',
    });
    const project = await createProject(deps, {
      name: 'Two',
      origins,
      rpId: 'example.com',
      webauthn: { relatedOrigins: ['https://example.de'] },
    });
    assert.deepEqual(relyingPartyOf(project).relatedOrigins, ['https://example.de']);
    // Dropping the related origin would strand the allowed origin: refused.
    await assert.rejects(updateProject(deps, project.id, { webauthn: { relatedOrigins: [] } }), {
      code: 'VALIDATION_FAILED',
    });
    const narrowed = await updateProject(deps, project.id, {
      origins: ['https://example.com'],
      webauthn: { relatedOrigins: [] },
    });
    assert.deepEqual(narrowed.allowedOrigins, ['https://example.com']);
    assert.deepEqual(relyingPartyOf(narrowed).relatedOrigins, []);
  });
});
