import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { ensureDefaultProject } from '../../src/core/projects/ensure-default-project.js';
import { updateProject } from '../../src/core/projects/update-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import { verifyApiSecret } from '../../src/core/secrets/verify-api-secret.js';
import { openDatabase } from '../../src/store/database.js';
import { listProjects } from '../../src/store/project.store.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

describeEachDatabase('projects', (kind) => {
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

  test('the default RP ID is the first origin host; RP name defaults to the name', async () => {
    const project = await createProject(deps, {
      name: 'Shop',
      origins: ['https://shop.example.com', 'https://www.shop.example.com'],
    });
    assert.match(project.id, /^pro-\d{19}$/);
    assert.equal(project.rpId, 'shop.example.com');
    assert.equal(project.rpName, 'Shop');
  });

  test('origins must be bare http(s) origins and sit under the RP ID', async () => {
    const bad = [
      { name: 'x', origins: ['https://a.example.com/'] },
      { name: 'x', origins: ['https://a.example.com/path'] },
      { name: 'x', origins: ['javascript:alert(1)'] },
      { name: 'x', origins: ['https://a.example.com'], rpId: 'other.com' },
      { name: 'x', origins: ['https://a.example.com'], rpId: 'https://a.example.com' },
      { name: '', origins: ['https://a.example.com'] },
      { name: 'x\u0000y', origins: ['https://a.example.com'] },
    ];
    for (const input of bad) {
      await assert.rejects(
        createProject(deps, input),
        { code: 'VALIDATION_FAILED' },
        JSON.stringify(input),
      );
    }
    const parent = await createProject(deps, {
      name: 'x',
      origins: ['https://login.example.com'],
      rpId: 'example.com',
    });
    assert.equal(parent.rpId, 'example.com');
  });

  test('update re-checks the RP ID against the new origins', async () => {
    const project = await createProject(deps, { name: 'Up', origins: ['https://up.example.com'] });
    await assert.rejects(updateProject(deps, project.id, { origins: ['https://elsewhere.org'] }), {
      code: 'VALIDATION_FAILED',
    });
    const moved = await updateProject(deps, project.id, {
      origins: ['https://elsewhere.org'],
      rpId: 'elsewhere.org',
      frontendApiUrl: 'https://auth.elsewhere.org',
      name: 'Moved',
    });
    assert.deepEqual(moved.allowedOrigins, ['https://elsewhere.org']);
    assert.equal(moved.rpId, 'elsewhere.org');
    assert.equal(moved.frontendApiUrl, 'https://auth.elsewhere.org');
    assert.equal(moved.name, 'Moved');
    await assert.rejects(updateProject(deps, 'pro-1', { name: 'x' }), {
      code: 'PROJECT_NOT_FOUND',
    });
  });

  test('messaging settings: sender, link target and language are validated and resettable', async () => {
    const project = await createProject(deps, {
      name: 'Mail',
      origins: ['https://mail.example.com'],
    });
    assert.equal(project.emailFrom, null);
    assert.equal(project.defaultLocale, 'en');
    const updated = await updateProject(deps, project.id, {
      emailFrom: 'Mail <no-reply@mail.example.com>',
      emailLinkUrl: 'https://mail.example.com/verify?x=1',
      defaultLocale: 'DE',
    });
    assert.equal(updated.emailFrom, 'Mail <no-reply@mail.example.com>');
    assert.equal(updated.emailLinkUrl, 'https://mail.example.com/verify?x=1');
    assert.equal(updated.defaultLocale, 'de');
    const bad = [
      { emailFrom: 'x\r\nBcc: victim@example.com' },
      { emailFrom: 'not-an-address' },
      { emailLinkUrl: 'javascript:alert(1)' },
      { emailLinkUrl: 'https://user:pw@mail.example.com/' },
      { defaultLocale: 'xx' },
    ];
    for (const input of bad) {
      await assert.rejects(updateProject(deps, project.id, input), (error: unknown) => {
        assert.equal((error as { code?: string }).code, 'VALIDATION_FAILED');
        assert.equal(
          (error as { validation: { field: string }[] }).validation[0]?.field,
          Object.keys(input)[0],
        );
        return true;
      });
    }
    const reset = await updateProject(deps, project.id, { emailFrom: null, emailLinkUrl: null });
    assert.equal(reset.emailFrom, null);
    assert.equal(reset.emailLinkUrl, null);
    assert.equal(reset.defaultLocale, 'de');
  });

  test('five nodes bootstrapping at once create exactly one default project', async () => {
    const fresh = await createTestDatabase(kind);
    try {
      // PostgreSQL: separate pools, as separate nodes would have. SQLite: concurrent calls on
      // one handle (better-sqlite3 blocks the thread while it waits for a lock, so several
      // handles in one process would deadlock; separate processes are covered in test/process).
      const handles = Array.from({ length: 5 }, () =>
        kind === 'postgres'
          ? openDatabase({ databaseUrl: fresh.databaseUrl, dataDir: fresh.dataDir, poolSize: 2 })
          : { ...fresh.handle, close: async () => {} },
      );
      const results = await Promise.all(
        handles.map((handle) =>
          ensureDefaultProject({ ...deps, db: handle.db }, { origin: 'http://localhost:8080' }),
        ),
      );
      await Promise.all(handles.map((handle) => handle.close()));
      const creators = results.filter((r) => r.created);
      assert.equal(creators.length, 1);
      assert.equal(new Set(results.map((r) => r.project.id)).size, 1);
      const projects = await listProjects(fresh.handle.db);
      assert.equal(projects.length, 1);
      const secret = creators[0]?.created?.apiSecret ?? '';
      const freshDeps = { ...deps, db: fresh.handle.db };
      assert.ok(await verifyApiSecret(freshDeps, projects[0]?.id ?? '', secret));
      const again = await ensureDefaultProject(freshDeps, { origin: 'http://localhost:8080' });
      assert.equal(again.created, undefined);
      assert.equal(again.project.id, projects[0]?.id);
    } finally {
      await fresh.cleanup();
    }
  });
});
