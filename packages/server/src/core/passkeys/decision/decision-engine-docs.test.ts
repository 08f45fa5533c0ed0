import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { appendRules } from './decide-append.js';
import { loginRules } from './decide-login.js';
import * as limits from './decision-limits.js';

const docPath = path.resolve(import.meta.dirname, '../../../../../../docs/decision-engine.md');
const doc = readFileSync(docPath, 'utf8');
const rows = doc.split('\n').filter((line) => line.startsWith('|'));

/** The table row of docs/decision-engine.md whose second cell is `name` in backticks. */
function rowOf(name: string): string | undefined {
  return (
    rows.find((line) => line.split('|')[2]?.trim() === `\`${name}\``) ??
    rows.find((line) => line.split('|')[1]?.trim() === `\`${name}\``)
  );
}

function humanDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'days'],
    [3_600_000, 'hours'],
    [60_000, 'minutes'],
  ];
  // Plural units only: a day is written as 24 hours.
  for (const [size, unit] of units)
    if (ms % size === 0 && ms / size > 1) return `${ms / size} ${unit}`;
  return `${ms} ms`;
}

describe('docs/decision-engine.md', () => {
  test('lists every rule, in table order, with its tag and answer', () => {
    for (const [table, rules] of [
      ['append', appendRules],
      ['login', loginRules],
    ] as const) {
      rules.forEach((rule, index) => {
        const row = rowOf(rule.id);
        assert.ok(row, `${table} rule ${rule.id} has no row`);
        const cells = row.split('|').map((cell) => cell.trim());
        assert.equal(cells[1], String(index + 1), `${rule.id}: position`);
        assert.equal(cells[3], `\`${rule.tag}\``, `${rule.id}: tag`);
        assert.equal(cells[5], String(rule.allow), `${rule.id}: answer`);
      });
    }
  });

  test('states every limit with its value', () => {
    for (const [name, value] of Object.entries(limits)) {
      const row = rowOf(name);
      assert.ok(row, `${name} has no row`);
      const shown = name.endsWith('Ms') ? humanDuration(value) : String(value);
      assert.equal(row.split('|')[2]?.trim(), shown, name);
    }
  });
});
