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
  webauthn: {
    userVerification: string;
    attestation: string;
    residentKey: string;
    authenticatorAttachment: string | null;
    algorithms: number[];
    timeoutMs: number;
    allowCrossOrigin: boolean;
    allowedTopOrigins: string[];
    relatedOrigins: string[];
  };
  apiSecret?: string;
}

const androidOrigin = 'android:apk-key-hash:Ia2fBZ7lIVmvJh0mzBTsuiKmLJaWk0KpKzNeNNtWPqE';

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

  test('relying-party settings: defaults, create, merge on update, show', async () => {
    const env = database.env;
    const plain = await runCliJson<ProjectJson>(
      ['project', 'create', '--name', 'Defaults', '--json'],
      { env },
    );
    assert.deepEqual(plain.webauthn, {
      userVerification: 'preferred',
      attestation: 'none',
      residentKey: 'required',
      authenticatorAttachment: null,
      algorithms: [-7, -8, -257],
      timeoutMs: 300000,
      allowCrossOrigin: false,
      allowedTopOrigins: [],
      relatedOrigins: [],
    });

    const created = await runCliJson<ProjectJson>(
      [
        'project',
        'create',
        '--name',
        'Policy',
        '--origin',
        'https://example.com',
        '--origin',
        'https://example.de',
        '--origin',
        androidOrigin,
        '--rp-id',
        'example.com',
        '--related-origin',
        'https://example.de',
        '--user-verification',
        'required',
        '--attestation',
        'direct',
        '--resident-key',
        'preferred',
        '--authenticator-attachment',
        'platform',
        '--algorithms',
        'EdDSA, es256,-257',
        '--webauthn-timeout',
        '120000',
        '--allow-cross-origin',
        '--top-origin',
        'https://portal.example',
        '--json',
      ],
      { env },
    );
    assert.deepEqual(created.origins, ['https://example.com', 'https://example.de', androidOrigin]);
    assert.equal(created.rpID, 'example.com');
    assert.deepEqual(created.webauthn, {
      userVerification: 'required',
      attestation: 'direct',
      residentKey: 'preferred',
      authenticatorAttachment: 'platform',
      algorithms: [-8, -7, -257],
      timeoutMs: 120000,
      allowCrossOrigin: true,
      allowedTopOrigins: ['https://portal.example'],
      relatedOrigins: ['https://example.de'],
    });

    // Update changes what it names and keeps the rest.
    const updated = await runCliJson<ProjectJson>(
      [
        'project',
        'update',
        created.projectID,
        '--authenticator-attachment',
        'any',
        '--no-allow-cross-origin',
        '--top-origin',
        '',
        '--algorithms',
        'ES256',
        '--json',
      ],
      { env },
    );
    assert.deepEqual(updated.webauthn, {
      ...created.webauthn,
      authenticatorAttachment: null,
      allowCrossOrigin: false,
      allowedTopOrigins: [],
      algorithms: [-7],
    });
    const renamed = await runCliJson<ProjectJson>(
      ['project', 'update', created.projectID, '--name', 'Policy 2', '--json'],
      { env },
    );
    assert.deepEqual(renamed.webauthn, updated.webauthn, 'other flags leave the policy alone');

    const shown = await runCli(['project', 'show', created.projectID], { env });
    assert.equal(shown.code, 0, shown.stderr);
    for (const line of [
      /^User verification: required$/m,
      /^Attestation: +direct$/m,
      /^Resident key: +preferred$/m,
      /^Authenticators: +any$/m,
      /^Algorithms: +ES256$/m,
      /^WebAuthn timeout: +120000 ms$/m,
      /^Cross-origin: +refused$/m,
      /^Top origins: +-$/m,
      /^Related origins: +https:\/\/example\.de$/m,
      new RegExp(`^Origins: +https://example\\.com, https://example\\.de, ${androidOrigin}$`, 'm'),
    ]) {
      assert.match(shown.stdout, line);
    }
  });

  test('bad relying-party settings are refused, naming the flag, and change nothing', async () => {
    const env = database.env;
    const existing = await runCliJson<ProjectJson>(
      ['project', 'create', '--name', 'Strict', '--origin', 'https://strict.example', '--json'],
      { env },
    );
    const update = (...args: string[]) => ['project', 'update', existing.projectID, ...args];
    const cases: { args: string[]; flag: string }[] = [
      { args: update('--user-verification', 'always'), flag: '--user-verification' },
      { args: update('--attestation', 'self'), flag: '--attestation' },
      { args: update('--resident-key', 'yes'), flag: '--resident-key' },
      { args: update('--authenticator-attachment', 'usb'), flag: '--authenticator-attachment' },
      { args: update('--algorithms', 'ES256,HS256'), flag: '--algorithms' },
      { args: update('--algorithms', 'ES256,-7'), flag: '--algorithms' },
      { args: update('--algorithms', ''), flag: '--algorithms' },
      { args: update('--webauthn-timeout', '1000'), flag: '--webauthn-timeout' },
      { args: update('--webauthn-timeout', 'soon'), flag: '--webauthn-timeout' },
      { args: update('--top-origin', 'https://portal.example/'), flag: '--top-origin' },
      { args: update('--related-origin', 'ftp://files.example'), flag: '--related-origin' },
      { args: update('--origin', 'android:apk-key-hash:abc'), flag: '--origin' },
      {
        // Another domain without being a related origin.
        args: update('--origin', 'https://strict.example', '--origin', 'https://strict.example.de'),
        flag: '--rp-id',
      },
      {
        args: ['project', 'create', '--name', 'X', '--algorithms', 'RS1'],
        flag: '--algorithms',
      },
      {
        // An app-only project has no host to take the RP ID from.
        args: ['project', 'create', '--name', 'X', '--origin', androidOrigin],
        flag: '--rp-id',
      },
    ];
    // A few at a time: each is a whole process, and a busy machine would time them out.
    const results: Awaited<ReturnType<typeof runCli>>[] = [];
    for (let i = 0; i < cases.length; i += 4) {
      const batch = cases.slice(i, i + 4);
      results.push(
        ...(await Promise.all(batch.map((c) => runCli([...c.args, '--json'], { env })))),
      );
    }
    cases.forEach((c, i) => {
      const result = results[i]!;
      const what = `latchkey ${c.args.join(' ')}`;
      assert.notEqual(result.code, 0, `${what} must fail`);
      assert.equal(result.stdout, '', `${what} prints no result`);
      assert.match(result.stderr, new RegExp(`^error: ${c.flag}:`), `${what}: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, noStackTrace, `${what}: no stack trace`);
      assert.equal(result.stderr.trim().split('\n').length, 1, `${what}: one line`);
    });
    const [list, unchanged] = await Promise.all([
      runCliJson<ProjectJson[]>(['project', 'list', '--json'], { env }),
      runCliJson<ProjectJson>(['project', 'show', existing.projectID, '--json'], { env }),
    ]);
    assert.equal(list.filter((p) => p.name === 'X').length, 0);
    assert.deepEqual(unchanged.webauthn, existing.webauthn);
    assert.deepEqual(unchanged.origins, ['https://strict.example']);
  });

  test('flow settings: defaults, update, show, and bad values naming the flag', async () => {
    const env = database.env;
    const created = await runCliJson<ProjectJson & { flow: Record<string, unknown> }>(
      ['project', 'create', '--name', 'Flows', '--json'],
      { env },
    );
    assert.deepEqual(created.flow.identifiers, ['email']);
    assert.deepEqual(created.flow.fallbacks, ['email-otp']);
    const updated = await runCliJson<{ flow: Record<string, unknown> }>(
      [
        'project',
        'update',
        created.projectID,
        '--login-identifiers',
        'email,phone',
        '--fallbacks',
        'email-link,phone-otp',
        '--verify-at-signup',
        'email',
        '--full-name-required',
        '--no-reveal-unknown-identifiers',
        '--verify-email-after-passkey',
        '--no-offer-passkey-after-hybrid',
        '--process-lifetime',
        '600',
        '--json',
      ],
      { env },
    );
    assert.deepEqual(updated.flow, {
      identifiers: ['email', 'phone'],
      verifyAtSignup: ['email'],
      fullNameRequired: true,
      fallbacks: ['email-link', 'phone-otp'],
      revealUnknownIdentifier: false,
      offerPasskeyAfterFallback: true,
      verifyEmailAfterPasskey: true,
      offerPasskeyAfterHybrid: false,
      processLifetimeSeconds: 600,
    });
    const shown = await runCli(['project', 'show', created.projectID], { env });
    assert.match(shown.stdout, /^Fallbacks: +email-link, phone-otp$/m);
    assert.match(shown.stdout, /^Unknown logins: +not revealed$/m);
    assert.match(shown.stdout, /^Email check: +after the passkey$/m);
    assert.match(shown.stdout, /^After hybrid: +no offer$/m);
    for (const [args, flag] of [
      [['--fallbacks', 'carrier-pigeon'], '--fallbacks'],
      [['--process-lifetime', '5'], '--process-lifetime'],
      [['--login-identifiers', 'email', '--fallbacks', 'phone-otp'], '--fallbacks'],
    ] as const) {
      const refused = await runCli(['project', 'update', created.projectID, ...args], { env });
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, new RegExp(flag));
    }
  });

  test('allowed redirect URLs and cookie domain: create, replace, show, empty, bad ones naming the flag', async () => {
    const env = database.env;
    const created = await runCliJson<ProjectJson & { allowedRedirectUrls: string[] }>(
      [
        'project',
        'create',
        '--name',
        'Hosted',
        '--allowed-redirect-url',
        'http://localhost:3000/callback',
        '--json',
      ],
      { env },
    );
    assert.deepEqual(created.allowedRedirectUrls, ['http://localhost:3000/callback']);
    const updated = await runCliJson<{ allowedRedirectUrls: string[] }>(
      [
        'project',
        'update',
        created.projectID,
        '--allowed-redirect-url',
        'https://APP.example.com:443/auth/callback',
        '--allowed-redirect-url',
        'https://admin.example.com/cb',
        '--json',
      ],
      { env },
    );
    assert.deepEqual(updated.allowedRedirectUrls, [
      'https://app.example.com/auth/callback',
      'https://admin.example.com/cb',
    ]);
    const shown = await runCli(['project', 'show', created.projectID], { env });
    assert.match(
      shown.stdout,
      /^Redirect URLs: +https:\/\/app\.example\.com\/auth\/callback, https:\/\/admin\.example\.com\/cb$/m,
    );
    for (const bad of ['http://app.example.com/cb', 'https://app.example.com/cb?x=1', 'nope']) {
      const refused = await runCli(
        ['project', 'update', created.projectID, '--allowed-redirect-url', bad],
        { env },
      );
      assert.notEqual(refused.code, 0, bad);
      assert.match(refused.stderr, /--allowed-redirect-url/, bad);
      assert.doesNotMatch(refused.stderr, noStackTrace);
    }
    const emptied = await runCliJson<{ allowedRedirectUrls: string[]; cookieDomain: string }>(
      [
        'project',
        'update',
        created.projectID,
        '--allowed-redirect-url',
        '',
        '--cookie-domain',
        'example.com',
        '--json',
      ],
      { env },
    );
    assert.deepEqual(emptied.allowedRedirectUrls, []);
    // The other handoff: session cookies on a parent domain the application shares.
    assert.equal(emptied.cookieDomain, 'example.com');
    const badDomain = await runCli(
      ['project', 'update', created.projectID, '--cookie-domain', 'https://x'],
      { env },
    );
    assert.notEqual(badDomain.code, 0);
    assert.match(badDomain.stderr, /--cookie-domain/);
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
