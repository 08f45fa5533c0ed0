import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, runCliJson, startLatchkey } from '../support/cli.js';
import {
  createTestDatabaseLocation,
  databaseKinds,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';

interface RotateEntry {
  purpose: string;
  kid: string;
  algorithm: string;
  activated: string;
  retiringKid: string | null;
  retireAfter: string | null;
}

interface ListEntry {
  kid: string;
  purpose: string;
  algorithm: string;
  status: string;
  published: boolean;
  created: string;
  activated: string;
  retireAfter: string | null;
}

describeEachDatabase('latchkey keys', (kind) => {
  let database: TestDatabaseLocation;
  before(async () => {
    database = await createTestDatabaseLocation(kind);
  });
  after(async () => {
    await database.cleanup();
  });

  test('rotate --json creates keys, a second rotate keeps the old key published; list --json', async () => {
    const env = database.env;
    const project = await runCliJson<{ projectID: string }>(
      ['project', 'create', '--name', 'Keys', '--origin', 'https://app.example.com', '--json'],
      { env },
    );
    assert.deepEqual(
      await runCliJson(['keys', 'list', '--project', project.projectID, '--json'], { env }),
      [],
    );

    const first = await runCliJson<RotateEntry[]>(
      ['keys', 'rotate', '--project', project.projectID, '--json'],
      { env },
    );
    assert.deepEqual(
      first.map((r) => [r.purpose, r.algorithm, r.retiringKid]),
      [
        ['passkey-data', 'RS256', null],
        ['session', 'RS256', null],
      ],
    );
    for (const r of first) assert.match(r.kid, /^pki-[0-9]{19}$/);

    const second = await runCliJson<RotateEntry[]>(
      [
        'keys',
        'rotate',
        '--project',
        project.projectID,
        '--purpose',
        'session',
        '--overlap-hours',
        '2',
        '--json',
      ],
      { env },
    );
    assert.equal(second.length, 1);
    const oldSession = first.find((r) => r.purpose === 'session')!;
    assert.equal(second[0]!.retiringKid, oldSession.kid);
    const hours =
      (Date.parse(second[0]!.retireAfter!) - Date.parse(second[0]!.activated)) / 3_600_000;
    assert.ok(Math.abs(hours - 2) < 0.01, `overlap ${hours} h`);

    const list = await runCliJson<ListEntry[]>(
      ['keys', 'list', '--project', project.projectID, '--json'],
      { env },
    );
    assert.equal(list.length, 3);
    const byKid = new Map(list.map((k) => [k.kid, k]));
    assert.equal(byKid.get(second[0]!.kid)?.status, 'active');
    assert.equal(byKid.get(oldSession.kid)?.status, 'retiring');
    assert.equal(byKid.get(oldSession.kid)?.published, true);
    assert.equal(byKid.get(first[0]!.kid)?.status, 'active');
    for (const entry of list) {
      assert.deepEqual(Object.keys(entry).sort(), [
        'activated',
        'algorithm',
        'created',
        'kid',
        'published',
        'purpose',
        'retireAfter',
        'status',
      ]);
    }

    // The human output names the keys too.
    const human = await runCli(['keys', 'list', '--project', project.projectID], { env });
    assert.equal(human.code, 0, human.stderr);
    assert.ok(human.stdout.includes(oldSession.kid));

    if (kind === 'sqlite') {
      const file = path.join(database.dataDir, 'master.key');
      assert.equal(statSync(file).mode & 0o777, 0o600, 'dev master key is private');
    }
  });

  test('bad input is one line naming the flag; nothing is written', async () => {
    const env = database.env;
    const project = await runCliJson<{ projectID: string }>(
      ['project', 'create', '--name', 'Bad', '--origin', 'https://app.example.com', '--json'],
      { env },
    );
    const cases = [
      { args: ['--purpose', 'login'], expect: /--purpose/ },
      { args: ['--overlap-hours', '-1'], expect: /--overlap-hours/ },
      { args: ['--overlap-hours', 'soon'], expect: /--overlap-hours/ },
      { args: ['--master-key', 'short'], expect: /LATCHKEY_MASTER_KEY \(--master-key\)/ },
    ];
    for (const c of cases) {
      const result = await runCli(['keys', 'rotate', '--project', project.projectID, ...c.args], {
        env,
      });
      assert.notEqual(result.code, 0, c.args.join(' '));
      assert.match(result.stderr, c.expect, result.stderr);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
    const unknown = await runCli(['keys', 'list', '--project', 'pro-1234567890123456789'], {
      env,
    });
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /project/);
    assert.deepEqual(
      await runCliJson(['keys', 'list', '--project', project.projectID, '--json'], { env }),
      [],
    );
  });
});

test('dev start on SQLite creates <data-dir>/master.key with mode 0600 and keeps it', async (t) => {
  const location = await createTestDatabaseLocation('sqlite');
  t.after(() => location.cleanup());
  const server = await startLatchkey([], { env: location.env });
  await server.stop();
  const file = path.join(location.dataDir, 'master.key');
  const stat = statSync(file);
  assert.equal(stat.mode & 0o777, 0o600);
  const { readFileSync } = await import('node:fs');
  const content = readFileSync(file, 'utf8');
  assert.equal(Buffer.from(content.trim(), 'base64').length, 32);
  const again = await startLatchkey([], { env: location.env });
  await again.stop();
  assert.equal(readFileSync(file, 'utf8'), content, 'reused, not regenerated');
});

if (databaseKinds().includes('postgres')) {
  test('start on PostgreSQL without LATCHKEY_MASTER_KEY refuses, saying to set it', async (t) => {
    const location = await createTestDatabaseLocation('postgres');
    t.after(() => location.cleanup());
    const result = await runCli(['start', '--port', '0'], {
      env: { ...location.env, LATCHKEY_MASTER_KEY: undefined },
      timeoutMs: 30_000,
    });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /LATCHKEY_MASTER_KEY/);
    assert.match(result.stderr, /every node/);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  });
}
