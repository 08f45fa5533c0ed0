import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, runCliJson } from '../support/cli.js';
import {
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';

const googlePm = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const custom = '11111111-2222-3333-4444-555555555555';
const png = 'data:image/png;base64,iVBORw0KGgo=';

interface Listed {
  aaguid: string;
  name: string;
  iconLight: string;
  iconDark: string;
  source: string;
}

describeEachDatabase('latchkey aaguids', (kind) => {
  let database: TestDatabaseLocation;
  let dir: string;
  before(async () => {
    database = await createTestDatabaseLocation(kind);
    dir = mkdtempSync(path.join(tmpdir(), 'latchkey-aaguids-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.cleanup();
  });

  function writeJson(name: string, content: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  }

  test('import a good file: listed and shown; a bad file exits non-zero naming the entry and changes nothing', async () => {
    const env = database.env;
    const good = writeJson(
      'good.json',
      JSON.stringify({
        [googlePm]: { name: 'GPM (imported)', icon_light: png, icon_dark: png },
        [custom.toUpperCase()]: { name: 'Custom key' },
      }),
    );
    const imported = await runCliJson<{ imported: number }>(['aaguids', 'import', good, '--json'], {
      env,
    });
    assert.equal(imported.imported, 2);

    const listed = await runCliJson<Listed[]>(['aaguids', 'list', '--json'], { env });
    const byAaguid = new Map(listed.map((e) => [e.aaguid, e]));
    assert.deepEqual(byAaguid.get(googlePm), {
      aaguid: googlePm,
      name: 'GPM (imported)',
      iconLight: png,
      iconDark: png,
      source: 'imported',
    });
    assert.equal(byAaguid.get(custom)?.source, 'imported');
    assert.equal(byAaguid.get('08987058-cadc-4b81-b6e1-30de50dcbe96')?.source, 'built-in');

    const human = await runCli(['aaguids', 'list'], { env });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^AAGUID\s+SOURCE\s+ICONS\s+NAME/);
    assert.match(human.stdout, new RegExp(`${googlePm}\\s+imported\\s+light\\+dark\\s+GPM`));

    const shown = await runCliJson<Listed>(['aaguids', 'show', custom.toUpperCase(), '--json'], {
      env,
    });
    assert.deepEqual(shown, {
      aaguid: custom,
      name: 'Custom key',
      iconLight: '',
      iconDark: '',
      source: 'imported',
    });
    const unknown = await runCliJson<Listed>(
      ['aaguids', 'show', '99999999-9999-9999-9999-999999999999', '--json'],
      { env },
    );
    assert.equal(unknown.name, 'Passkey');
    assert.equal(unknown.source, 'fallback');

    const bad = writeJson(
      'bad.json',
      JSON.stringify({
        '22222222-2222-2222-2222-222222222222': { name: 'Fine' },
        '33333333-3333-3333-3333-333333333333': { name: 'Evil', icon_light: 'javascript:alert(1)' },
      }),
    );
    const failed = await runCli(['aaguids', 'import', bad], { env });
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /33333333-3333-3333-3333-333333333333\.icon_light/);
    assert.doesNotMatch(failed.stderr, /\n\s+at /, 'no stack trace');

    const notJson = await runCli(['aaguids', 'import', writeJson('broken.json', '{"a": ')], {
      env,
    });
    assert.notEqual(notJson.code, 0);
    assert.match(notJson.stderr, /file: is not valid JSON/);

    const missing = await runCli(['aaguids', 'import', path.join(dir, 'nope.json')], { env });
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /file: cannot read/);

    const badShow = await runCli(['aaguids', 'show', 'not-an-aaguid'], { env });
    assert.notEqual(badShow.code, 0);
    assert.match(badShow.stderr, /aaguid: is not an AAGUID/);

    const after = await runCliJson<Listed[]>(['aaguids', 'list', '--json'], { env });
    assert.deepEqual(after, listed, 'nothing half-written');
  });
});
