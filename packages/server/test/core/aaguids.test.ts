import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createFixedClock } from '../../src/core/clock.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { LatchkeyError } from '../../src/core/errors.js';
import { builtInAaguids, fallbackAaguidName } from '../../src/core/passkeys/aaguid-catalog.js';
import { importAaguids } from '../../src/core/passkeys/import-aaguids.js';
import { loadAaguidCatalog } from '../../src/core/passkeys/load-aaguid-catalog.js';
import { cryptoRandom } from '../../src/core/random.js';
import { listAaguidOverrides } from '../../src/store/aaguid-override.store.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

const googlePm = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const custom = '11111111-2222-3333-4444-555555555555';
const png = 'data:image/png;base64,iVBORw0KGgo=';

describeEachDatabase('AAGUID import', (kind) => {
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

  test('without an import the catalog is the built-in dataset', async () => {
    const catalog = await loadAaguidCatalog(deps);
    assert.equal(catalog.size, builtInAaguids().size);
    assert.equal(catalog.lookup(googlePm).name, 'Google Password Manager');
    assert.equal(catalog.lookup(custom).name, fallbackAaguidName);
  });

  test('an import is stored, lower-cased, and wins over the built-in entry', async () => {
    const result = await importAaguids(deps, {
      [googlePm.toUpperCase()]: {
        name: 'GPM',
        icon_light: png,
        icon_dark: 'https://x.example/d.svg',
      },
      [custom]: { name: 'Custom key', icon_light: null },
    });
    assert.deepEqual(result, { imported: 2, importedAt: Date.UTC(2026, 0, 1) });
    const rows = await listAaguidOverrides(deps.db);
    assert.deepEqual(
      rows.map((r) => [r.aaguid, r.name, r.iconLight, r.iconDark, r.importedAt]),
      [
        [custom, 'Custom key', '', '', Date.UTC(2026, 0, 1)],
        [googlePm, 'GPM', png, 'https://x.example/d.svg', Date.UTC(2026, 0, 1)],
      ],
    );
    const catalog = await loadAaguidCatalog(deps);
    assert.equal(catalog.lookup(googlePm).name, 'GPM');
    assert.equal(catalog.lookup(googlePm).iconLight, png);
    assert.equal(catalog.lookup(custom).name, 'Custom key');
    assert.equal(catalog.source(custom), 'imported');
  });

  test('a bad file fails whole: the previous import stays untouched', async () => {
    const before = await listAaguidOverrides(deps.db);
    await assert.rejects(
      importAaguids(deps, {
        '22222222-2222-2222-2222-222222222222': { name: 'Fine' },
        [custom]: { name: 'Bad', icon_dark: 'http://insecure.example/i.png' },
      }),
      (error: unknown) =>
        error instanceof LatchkeyError &&
        error.code === 'VALIDATION_FAILED' &&
        error.validation[0]?.field === `${custom}.icon_dark`,
    );
    assert.deepEqual(await listAaguidOverrides(deps.db), before);
  });

  test('a new import replaces the whole set; a large one is written in chunks', async () => {
    const big: Record<string, unknown> = {};
    for (let i = 0; i < 1_234; i += 1) {
      big[`abcdef00-0000-4000-8000-${i.toString(16).padStart(12, '0')}`] = { name: `Key ${i}` };
    }
    assert.equal((await importAaguids(deps, big)).imported, 1_234);
    const rows = await listAaguidOverrides(deps.db);
    assert.equal(rows.length, 1_234);
    assert.ok(!rows.some((r) => r.aaguid === custom || r.aaguid === googlePm));
    const catalog = await loadAaguidCatalog(deps);
    assert.equal(catalog.lookup(googlePm).name, 'Google Password Manager');
    assert.equal(catalog.lookup(custom).name, fallbackAaguidName);
  });

  test('an empty object clears the imported set', async () => {
    assert.equal((await importAaguids(deps, {})).imported, 0);
    assert.deepEqual(await listAaguidOverrides(deps.db), []);
  });
});
