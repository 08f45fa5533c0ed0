import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';

// Every command and subcommand, with options its --help must describe.
const commands: { args: string[]; mentions: string[] }[] = [
  { args: [], mentions: ['start', 'migrate', 'project', 'secret', 'backup'] },
  {
    args: ['start'],
    mentions: [
      '--port',
      'LATCHKEY_PORT',
      '--host',
      'LATCHKEY_HOST',
      '--data-dir',
      'LATCHKEY_DATA_DIR',
      '--database-url',
      'LATCHKEY_DATABASE_URL',
      '--public-url',
      'LATCHKEY_PUBLIC_URL',
      '--trust-proxy',
      'LATCHKEY_TRUST_PROXY',
      '--log-level',
      '--log-format',
      '--metrics-port',
      'LATCHKEY_METRICS_PORT',
      '--master-key',
      'LATCHKEY_MASTER_KEY',
      '--no-migrate',
      '--config',
      '--json',
    ],
  },
  { args: ['migrate'], mentions: ['--data-dir', '--database-url', '--json'] },
  { args: ['project'], mentions: ['create', 'list', 'show', 'update'] },
  {
    args: ['project', 'create'],
    mentions: [
      '--name',
      '--origin',
      '--rp-id',
      '--rp-name',
      '--frontend-api-url',
      '--data-dir',
      '--database-url',
      '--json',
    ],
  },
  { args: ['project', 'list'], mentions: ['--data-dir', '--database-url', '--json'] },
  { args: ['project', 'show'], mentions: ['projectID', '--database-url', '--json'] },
  {
    args: ['project', 'update'],
    mentions: [
      'projectID',
      '--name',
      '--origin',
      '--rp-id',
      '--rp-name',
      '--frontend-api-url',
      '--json',
    ],
  },
  { args: ['secret'], mentions: ['create', 'list', 'revoke'] },
  { args: ['secret', 'create'], mentions: ['--project', '--database-url', '--json'] },
  { args: ['secret', 'list'], mentions: ['--project', '--database-url', '--json'] },
  { args: ['secret', 'revoke'], mentions: ['secretID', '--database-url', '--json'] },
  { args: ['backup'], mentions: ['--out', '--data-dir', '--json'] },
  { args: ['keys'], mentions: ['rotate', 'list'] },
  {
    args: ['keys', 'rotate'],
    mentions: ['--project', '--purpose', '--overlap-hours', '--master-key', '--json'],
  },
  { args: ['keys', 'list'], mentions: ['--project', '--database-url', '--json'] },
  { args: ['aaguids'], mentions: ['import', 'list', 'show'] },
  { args: ['aaguids', 'import'], mentions: ['file', '--database-url', '--json'] },
  { args: ['aaguids', 'list'], mentions: ['--database-url', '--json'] },
  { args: ['aaguids', 'show'], mentions: ['aaguid', '--database-url', '--json'] },
];

test('--help of every command and subcommand exits 0 and describes its options', async () => {
  const results = await Promise.all(commands.map(({ args }) => runCli([...args, '--help'])));
  commands.forEach(({ args, mentions }, i) => {
    const result = results[i]!;
    const name = ['latchkey', ...args].join(' ');
    assert.equal(result.code, 0, `${name} --help exit code; stderr: ${result.stderr}`);
    assert.match(result.stdout, new RegExp(`^Usage: ${name} `), `${name} --help usage line`);
    for (const mention of mentions) {
      assert.ok(result.stdout.includes(mention), `${name} --help mentions ${mention}`);
    }
    // Each option has a description next to it, not just its name.
    for (const line of result.stdout.split('\n').filter((l) => /^\s+--[a-z]/.test(l))) {
      assert.match(line, /^\s+--\S+( <[^>]+>)?\s{2,}\S/, `${name}: option described: ${line}`);
    }
  });
});

test('an unknown command or option exits non-zero and says what is wrong', async () => {
  const [command, option] = await Promise.all([
    runCli(['frobnicate']),
    runCli(['project', 'list', '--no-such-option']),
  ]);
  assert.notEqual(command.code, 0);
  assert.match(command.stderr, /unknown command 'frobnicate'/);
  assert.notEqual(option.code, 0);
  assert.match(option.stderr, /unknown option '--no-such-option'/);
});
