import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli, runCliJson } from '../support/cli.js';
import {
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';

interface ProjectJson {
  projectID: string;
  name: string;
  rpID: string;
  rpName: string;
  origins: string[];
  frontendApiUrl: string | null;
  apiSecret?: string;
}

const noStackTrace = /^\s+at /m;

describeEachDatabase('latchkey project', (kind) => {
  let database: TestDatabaseLocation;
  before(async () => {
    database = await createTestDatabaseLocation(kind);
  });
  after(async () => {
    await database.cleanup();
  });

  test('create, list, show and update a project as JSON', async () => {
    const env = database.env;
    const created = await runCliJson<ProjectJson>(
      ['project', 'create', '--name', 'Shop', '--origin', 'https://app.example.com', '--json'],
      { env },
    );
    assert.match(created.projectID, /^pro-[0-9]+$/);
    assert.match(created.apiSecret ?? '', /^corbado1_[0-9A-Za-z]{40,}$/);
    assert.equal(created.name, 'Shop');
    assert.deepEqual(created.origins, ['https://app.example.com']);
    assert.equal(created.rpID, 'app.example.com');

    const [list, shown] = await Promise.all([
      runCliJson<ProjectJson[]>(['project', 'list', '--json'], { env }),
      runCliJson<ProjectJson>(['project', 'show', created.projectID, '--json'], { env }),
    ]);
    assert.ok(Array.isArray(list));
    const listed = list.find((p) => p.projectID === created.projectID);
    assert.ok(listed, 'the new project is listed');
    assert.equal(listed.name, 'Shop');
    assert.equal(shown.projectID, created.projectID);
    assert.deepEqual(shown.origins, ['https://app.example.com']);
    // The secret is shown once, at creation, and never again.
    assert.equal(JSON.stringify([list, shown]).includes(created.apiSecret!), false);
    assert.equal('apiSecret' in shown, false);

    const updated = await runCliJson<ProjectJson>(
      [
        'project',
        'update',
        created.projectID,
        '--name',
        'Shop EU',
        '--origin',
        'https://eu.shop.example',
        '--origin',
        'https://login.shop.example',
        '--rp-id',
        'shop.example',
        '--frontend-api-url',
        'https://auth.shop.example',
        '--json',
      ],
      { env },
    );
    assert.equal(updated.projectID, created.projectID);
    assert.equal(updated.name, 'Shop EU');
    assert.deepEqual(updated.origins, ['https://eu.shop.example', 'https://login.shop.example']);
    assert.equal(updated.rpID, 'shop.example');
    assert.equal(updated.frontendApiUrl, 'https://auth.shop.example');

    const reread = await runCliJson<ProjectJson>(['project', 'show', created.projectID, '--json'], {
      env,
    });
    assert.deepEqual(
      { ...reread, updated: undefined },
      { ...updated, updated: undefined },
      'show returns what update stored',
    );
  });

  test('bad origins, RP IDs and Frontend API URLs are refused, naming the setting', async () => {
    const env = database.env;
    const existing = await runCliJson<ProjectJson>(
      ['project', 'create', '--name', 'Valid', '--origin', 'https://app.example.com', '--json'],
      { env },
    );
    const cases: { args: string[]; setting: RegExp }[] = [
      {
        args: ['project', 'create', '--name', 'X', '--origin', 'https://app.example.com/login'],
        setting: /--origin/,
      },
      {
        args: ['project', 'create', '--name', 'X', '--origin', 'https://app.example.com/'],
        setting: /--origin/,
      },
      {
        args: ['project', 'create', '--name', 'X', '--origin', 'app.example.com'],
        setting: /--origin/,
      },
      {
        args: [
          'project',
          'create',
          '--name',
          'X',
          '--origin',
          'https://app.example.com',
          '--rp-id',
          'other.example',
        ],
        setting: /--rp-id/,
      },
      {
        args: [
          'project',
          'create',
          '--name',
          'X',
          '--origin',
          'https://app.example.com',
          '--frontend-api-url',
          'https://auth.example.com/v2',
        ],
        setting: /--frontend-api-url/,
      },
      {
        args: ['project', 'update', existing.projectID, '--origin', 'https://app.example.com/'],
        setting: /--origin/,
      },
      {
        args: ['project', 'update', existing.projectID, '--rp-id', 'elsewhere.example'],
        setting: /--rp-id/,
      },
      {
        // New origins that the current RP ID does not cover.
        args: ['project', 'update', existing.projectID, '--origin', 'https://other.example'],
        setting: /--rp-id|--origin/,
      },
    ];
    const results = await Promise.all(cases.map((c) => runCli([...c.args, '--json'], { env })));
    cases.forEach((c, i) => {
      const result = results[i]!;
      const what = `latchkey ${c.args.join(' ')}`;
      assert.notEqual(result.code, 0, `${what} must fail`);
      assert.equal(result.stdout, '', `${what} prints no result`);
      assert.match(result.stderr, c.setting, `${what} names the setting: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, noStackTrace, `${what}: no stack trace`);
      assert.equal(result.stderr.trim().split('\n').length, 1, `${what}: one line`);
    });

    // Nothing was created or changed by the refused commands.
    const [list, unchanged] = await Promise.all([
      runCliJson<ProjectJson[]>(['project', 'list', '--json'], { env }),
      runCliJson<ProjectJson>(['project', 'show', existing.projectID, '--json'], { env }),
    ]);
    assert.equal(list.filter((p) => p.name === 'X').length, 0);
    assert.deepEqual(unchanged.origins, ['https://app.example.com']);
    assert.equal(unchanged.rpID, 'app.example.com');
  });

  test('an unknown project is a clear error, not a stack trace', async () => {
    const env = database.env;
    const commands = [
      ['project', 'show', 'pro-1234567890123456789'],
      ['project', 'update', 'pro-1234567890123456789', '--name', 'Y'],
      ['secret', 'create', '--project', 'pro-1234567890123456789'],
      ['secret', 'list', '--project', 'pro-1234567890123456789'],
      ['project', 'show', 'not-a-project'],
    ];
    const results = await Promise.all(commands.map((args) => runCli(args, { env })));
    commands.forEach((args, i) => {
      const result = results[i]!;
      const what = `latchkey ${args.join(' ')}`;
      assert.notEqual(result.code, 0, `${what} must fail`);
      const id = args.find((a) => a.startsWith('pro-') || a === 'not-a-project')!;
      assert.match(result.stderr, new RegExp(`project ${id}.*not found|no project ${id}`));
      assert.match(result.stderr, /latchkey project list/, `${what} says how to find projects`);
      assert.doesNotMatch(result.stderr, noStackTrace);
    });
  });
});
