import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LatchkeyError } from '../errors.js';
import {
  type AaguidEntry,
  aaguidLimits,
  builtInAaguids,
  createAaguidCatalog,
  fallbackAaguidName,
  iconProblem,
  normalizeAaguid,
  parseAaguidDataset,
  zeroAaguid,
} from './aaguid-catalog.js';

const googlePm = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const png = 'data:image/png;base64,iVBORw0KGgo=';
const svg = 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=';

function rejects(run: () => unknown, field: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof LatchkeyError);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.validation[0]?.field, field);
    return true;
  });
}

describe('AAGUID catalog', () => {
  test('normalizeAaguid accepts 8-4-4-4-12 hex in any case and lower-cases it', () => {
    assert.equal(normalizeAaguid(googlePm.toUpperCase()), googlePm);
    for (const bad of [
      '',
      'ea9b8d664d011d213ce4b6b48cb575d4',
      'ea9b8d66-4d01-1d21-3ce4-b6b48cb575dz',
      ` ${googlePm}`,
      `${googlePm}0`,
      42,
      null,
    ]) {
      assert.equal(normalizeAaguid(bad), undefined, String(bad));
    }
  });

  test('the built-in dataset is loaded once and knows well-known authenticators, names only', () => {
    const builtIn = builtInAaguids();
    assert.equal(builtInAaguids(), builtIn);
    assert.ok(builtIn.size > 100);
    assert.equal(builtIn.get(googlePm)?.name, 'Google Password Manager');
    for (const [aaguid, entry] of builtIn) {
      assert.equal(normalizeAaguid(aaguid), aaguid);
      assert.equal(entry.iconLight, '');
      assert.equal(entry.iconDark, '');
    }
  });

  test('lookup: overrides win, then built-in, then the fallback', () => {
    const overrides = new Map<string, AaguidEntry>([
      [googlePm, { name: 'GPM (ours)', iconLight: png, iconDark: svg }],
    ]);
    const catalog = createAaguidCatalog({ builtIn: builtInAaguids(), overrides });
    assert.deepEqual(catalog.lookup(googlePm.toUpperCase()), {
      aaguid: googlePm,
      name: 'GPM (ours)',
      iconLight: png,
      iconDark: svg,
    });
    assert.equal(catalog.source(googlePm), 'imported');
    const windowsHello = '08987058-cadc-4b81-b6e1-30de50dcbe96';
    assert.equal(catalog.lookup(windowsHello).name, 'Windows Hello');
    assert.equal(catalog.source(windowsHello), 'built-in');
    const unknown = '11111111-2222-3333-4444-555555555555';
    assert.deepEqual(catalog.lookup(unknown), {
      aaguid: unknown,
      name: fallbackAaguidName,
      iconLight: '',
      iconDark: '',
    });
    assert.equal(catalog.source(unknown), undefined);
    assert.equal(catalog.size, builtInAaguids().size);
    const listed = catalog.list();
    assert.equal(listed.length, catalog.size);
    assert.equal(listed.find((e) => e.aaguid === googlePm)?.source, 'imported');
  });

  test('lookup of the all-zero or a malformed AAGUID is the fallback and never throws', () => {
    const zeroEntry = new Map([[zeroAaguid, { name: 'Zero', iconLight: '', iconDark: '' }]]);
    const catalog = createAaguidCatalog({ builtIn: zeroEntry });
    assert.deepEqual(catalog.lookup(zeroAaguid), {
      aaguid: zeroAaguid,
      name: fallbackAaguidName,
      iconLight: '',
      iconDark: '',
    });
    assert.equal(catalog.lookup('not an aaguid').name, fallbackAaguidName);
    assert.equal(catalog.lookup('not an aaguid').aaguid, zeroAaguid);
    assert.equal(catalog.source(zeroAaguid), undefined);
  });

  test('icons: only data:image/…;base64, or https URLs, bounded', () => {
    assert.equal(iconProblem(''), undefined);
    assert.equal(iconProblem(png), undefined);
    assert.equal(iconProblem(svg), undefined);
    assert.equal(iconProblem('https://example.com/icon.svg'), undefined);
    for (const bad of [
      'http://example.com/icon.png',
      'javascript:alert(1)',
      'data:text/html;base64,PGI+',
      'data:image/png,rawbytes',
      'data:image/png;base64,not base64!',
      'https://user:pass@example.com/i.png',
      'https://example.com/\n',
      'ftp://example.com/i.png',
      'icon.png',
      `https://example.com/${'a'.repeat(aaguidLimits.urlLength)}`,
      `data:image/png;base64,${'A'.repeat(aaguidLimits.iconLength)}`,
    ]) {
      assert.ok(iconProblem(bad), bad.slice(0, 40));
    }
  });

  test('parseAaguidDataset accepts the community format and lower-cases keys', () => {
    const parsed = parseAaguidDataset({
      [googlePm.toUpperCase()]: {
        name: ' Google Password Manager ',
        icon_light: png,
        icon_dark: svg,
      },
      '11111111-2222-3333-4444-555555555555': { name: 'No icons' },
    });
    assert.deepEqual(parsed.get(googlePm), {
      name: 'Google Password Manager',
      iconLight: png,
      iconDark: svg,
    });
    assert.deepEqual(parsed.get('11111111-2222-3333-4444-555555555555'), {
      name: 'No icons',
      iconLight: '',
      iconDark: '',
    });
    assert.equal(parseAaguidDataset({}).size, 0);
  });

  test('parseAaguidDataset names the first bad entry', () => {
    const ok = { name: 'Fine' };
    rejects(() => parseAaguidDataset([]), 'file');
    rejects(() => parseAaguidDataset('x'), 'file');
    rejects(() => parseAaguidDataset(null), 'file');
    rejects(() => parseAaguidDataset({ [googlePm]: ok, 'not-an-aaguid': ok }), 'not-an-aaguid');
    rejects(() => parseAaguidDataset({ [googlePm]: 'name' }), googlePm);
    rejects(() => parseAaguidDataset({ [googlePm]: {} }), `${googlePm}.name`);
    rejects(() => parseAaguidDataset({ [googlePm]: { name: 7 } }), `${googlePm}.name`);
    rejects(() => parseAaguidDataset({ [googlePm]: { name: '  ' } }), `${googlePm}.name`);
    rejects(() => parseAaguidDataset({ [googlePm]: { name: 'a\u0000b' } }), `${googlePm}.name`);
    rejects(
      () => parseAaguidDataset({ [googlePm]: { name: 'x'.repeat(aaguidLimits.nameLength + 1) } }),
      `${googlePm}.name`,
    );
    rejects(
      () => parseAaguidDataset({ [googlePm]: { name: 'A', icon_dark: 'javascript:alert(1)' } }),
      `${googlePm}.icon_dark`,
    );
    rejects(
      () => parseAaguidDataset({ [googlePm]: { name: 'A', icon_light: 5 } }),
      `${googlePm}.icon_light`,
    );
    rejects(() => parseAaguidDataset({ [googlePm]: { name: 'A', extra: 1 } }), `${googlePm}.extra`);
    rejects(
      () => parseAaguidDataset({ [googlePm]: ok, [googlePm.toUpperCase()]: ok }),
      googlePm.toUpperCase(),
    );
    const tooMany: Record<string, unknown> = {};
    for (let i = 0; i <= aaguidLimits.entries; i += 1) {
      tooMany[`00000000-0000-0000-0000-${i.toString(16).padStart(12, '0')}`] = ok;
    }
    rejects(() => parseAaguidDataset(tooMany), 'file');
  });
});
