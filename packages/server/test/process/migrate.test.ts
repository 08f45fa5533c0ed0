import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { migrations } from '../../src/store/migrations/index.js';
import { runCli, runCliJson } from '../support/cli.js';
import { createTestDatabaseLocation, describeEachDatabase } from '../support/databases.js';

const allMigrations = Object.keys(migrations).sort();

describeEachDatabase('latchkey migrate', (kind) => {
  test('applies every migration once; a second run applies nothing', async (t) => {
    const database = await createTestDatabaseLocation(kind);
    t.after(() => database.cleanup());
    const first = await runCliJson<{ applied: string[]; database: string }>(['migrate', '--json'], {
      env: database.env,
    });
    assert.deepEqual(first.applied, allMigrations);
    const second = await runCliJson<{ applied: string[] }>(['migrate', '--json'], {
      env: database.env,
    });
    assert.deepEqual(second.applied, []);
    const human = await runCli(['migrate'], { env: database.env });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /up to date/);
  });

  test('two migrate processes at the same moment both succeed and leave a complete schema', async (t) => {
    const database = await createTestDatabaseLocation(kind);
    t.after(() => database.cleanup());
    const runs = await Promise.all([
      runCli(['migrate', '--json'], { env: database.env }),
      runCli(['migrate', '--json'], { env: database.env }),
      runCli(['migrate', '--json'], { env: database.env }),
    ]);
    for (const run of runs) assert.equal(run.code, 0, `exit 0; stderr: ${run.stderr}`);
    const applied = runs.flatMap((r) => (JSON.parse(r.stdout) as { applied: string[] }).applied);
    // Each migration was applied by exactly one of them.
    assert.deepEqual(applied.sort(), allMigrations);

    const again = await runCliJson<{ applied: string[] }>(['migrate', '--json'], {
      env: database.env,
    });
    assert.deepEqual(again.applied, [], 'nothing left to apply');
    const project = await runCliJson<{ projectID: string; apiSecret: string }>(
      ['project', 'create', '--name', 'After migrate', '--json'],
      { env: database.env },
    );
    assert.match(project.projectID, /^pro-[0-9]+$/);
    const secrets = await runCliJson<unknown[]>(
      ['secret', 'list', '--project', project.projectID, '--json'],
      { env: database.env },
    );
    assert.equal(secrets.length, 1);
  });
});

test('migrators let go at the same instant take turns [sqlite]', async (t) => {
  // Hold the write lock of a fresh SQLite file while three migrators start, then release
  // it: they all wake up together, the worst case for two of them creating the same table.
  const database = await createTestDatabaseLocation('sqlite');
  t.after(() => database.cleanup());
  const holder = new SQLite(path.join(database.dataDir, 'latchkey.db'));
  holder.pragma('journal_mode = WAL');
  holder.exec('begin immediate');
  const runs = Promise.all(
    [1, 2, 3].map(() => runCli(['migrate', '--json'], { env: database.env })),
  );
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  holder.exec('commit');
  holder.close();
  const results = await runs;
  for (const run of results) assert.equal(run.code, 0, `exit 0; stderr: ${run.stderr}`);
  const applied = results.flatMap((r) => (JSON.parse(r.stdout) as { applied: string[] }).applied);
  assert.deepEqual(applied.sort(), allMigrations);
});
