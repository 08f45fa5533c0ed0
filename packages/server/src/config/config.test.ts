import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, resolvePublicUrl } from './config.js';

function settingOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.setting;
  }
  assert.fail('expected a ConfigError');
}

test('defaults: port 8080 on 127.0.0.1, SQLite in ./.latchkey, no proxy trusted', () => {
  const config = loadConfig({ env: {} });
  assert.equal(config.port, 8080);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.dataDir, path.resolve('.latchkey'));
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.trustProxy, false);
  assert.equal(config.metricsPort, undefined);
  assert.equal(config.migrate, true);
  assert.equal(resolvePublicUrl(config, 8080), 'http://localhost:8080');
});

test('flags beat environment, which beats the config file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-config-'));
  const file = path.join(dir, 'latchkey.json');
  writeFileSync(file, JSON.stringify({ port: 7000, host: '0.0.0.0', logLevel: 'debug' }));
  const config = loadConfig({
    env: { LATCHKEY_PORT: '7100', LATCHKEY_CONFIG: file },
    flags: { port: '7200' },
  });
  assert.equal(config.port, 7200);
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.logLevel, 'debug');
});

test('port 0 is allowed (pick a free port); other bad ports name the setting', () => {
  assert.equal(loadConfig({ env: { LATCHKEY_PORT: '0' } }).port, 0);
  for (const port of ['abc', '-1', '70000', '1.5', ' ']) {
    assert.match(
      settingOf(() => loadConfig({ env: { LATCHKEY_PORT: port } })),
      /LATCHKEY_PORT/,
    );
  }
});

test('public URL must be a bare origin', () => {
  assert.equal(
    loadConfig({ env: { LATCHKEY_PUBLIC_URL: 'https://auth.example.com' } }).publicUrl,
    'https://auth.example.com',
  );
  for (const url of [
    'https://auth.example.com/',
    'https://auth.example.com/v2',
    'ftp://x',
    'nope',
  ]) {
    assert.match(
      settingOf(() => loadConfig({ env: { LATCHKEY_PUBLIC_URL: url } })),
      /LATCHKEY_PUBLIC_URL/,
    );
  }
});

test('database URL must be postgres://', () => {
  assert.equal(
    loadConfig({ env: { LATCHKEY_DATABASE_URL: 'postgres://u@h/db' } }).databaseUrl,
    'postgres://u@h/db',
  );
  assert.match(
    settingOf(() => loadConfig({ env: { LATCHKEY_DATABASE_URL: 'mysql://x' } })),
    /DATABASE_URL/,
  );
});

test('trust proxy: off, on, hop count, or a list of addresses and CIDRs', () => {
  const read = (value: string) => loadConfig({ env: { LATCHKEY_TRUST_PROXY: value } }).trustProxy;
  assert.equal(read('false'), false);
  assert.equal(read('0'), false);
  assert.equal(read('true'), true);
  assert.equal(read('2'), 2);
  assert.deepEqual(read('127.0.0.1, 10.0.0.0/8,loopback'), ['127.0.0.1', '10.0.0.0/8', 'loopback']);
  for (const value of ['garbage', '10.0.0.0/200', '1.2.3.4/8/9']) {
    assert.match(
      settingOf(() => read(value)),
      /LATCHKEY_TRUST_PROXY/,
    );
  }
});

test('errors name the start flag that sets the setting', () => {
  assert.equal(
    settingOf(() => loadConfig({ env: { LATCHKEY_BODY_LIMIT: 'big' } })),
    'LATCHKEY_BODY_LIMIT (--body-limit)',
  );
  assert.equal(
    settingOf(() => loadConfig({ env: { LATCHKEY_JANITOR_INTERVAL_MS: '-1' } })),
    'LATCHKEY_JANITOR_INTERVAL_MS (--janitor-interval-ms)',
  );
});

test('log level, log format, booleans and unknown file keys are checked', () => {
  assert.match(
    settingOf(() => loadConfig({ env: { LATCHKEY_LOG_LEVEL: 'loud' } })),
    /LOG_LEVEL/,
  );
  assert.match(
    settingOf(() => loadConfig({ env: { LATCHKEY_LOG_FORMAT: 'xml' } })),
    /LOG_FORMAT/,
  );
  assert.match(
    settingOf(() => loadConfig({ env: { LATCHKEY_MIGRATE: 'maybe' } })),
    /MIGRATE/,
  );
  assert.equal(loadConfig({ env: { LATCHKEY_MIGRATE: 'false' } }).migrate, false);
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-config-'));
  const file = path.join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ prot: 1 }));
  assert.match(
    settingOf(() => loadConfig({ env: {}, configFile: file })),
    /LATCHKEY_CONFIG/,
  );
  writeFileSync(file, '{nope');
  assert.match(
    settingOf(() => loadConfig({ env: {}, configFile: file })),
    /LATCHKEY_CONFIG/,
  );
  assert.match(
    settingOf(() => loadConfig({ env: {}, configFile: path.join(dir, 'missing.json') })),
    /LATCHKEY_CONFIG/,
  );
});

test('the public URL is derived from host and port when unset', () => {
  assert.equal(
    resolvePublicUrl(loadConfig({ env: { LATCHKEY_HOST: '0.0.0.0' } }), 9000),
    'http://localhost:9000',
  );
  assert.equal(
    resolvePublicUrl(loadConfig({ env: { LATCHKEY_HOST: '::1' } }), 9000),
    'http://localhost:9000',
  );
  assert.equal(
    resolvePublicUrl(loadConfig({ env: { LATCHKEY_HOST: 'auth.internal' } }), 9000),
    'http://auth.internal:9000',
  );
});

test('messaging: unset means the dev transports; SMTP, sender and SMS webhook are validated', () => {
  const defaults = loadConfig({ env: {} });
  assert.equal(defaults.smtpUrl, undefined);
  assert.equal(defaults.mailFrom, undefined);
  assert.equal(defaults.smsWebhookUrl, undefined);
  assert.equal(defaults.smsWebhookAuth, undefined);

  const config = loadConfig({
    env: {
      LATCHKEY_SMTP_URL: 'smtps://mailer:s%40cret@smtp.example.com:465',
      LATCHKEY_MAIL_FROM: 'Example <no-reply@example.com>',
      LATCHKEY_SMS_WEBHOOK_URL: 'https://sms.example.com/send?route=otp',
      LATCHKEY_SMS_WEBHOOK_AUTH: 'Bearer abc.def',
    },
  });
  assert.equal(config.smtpUrl, 'smtps://mailer:s%40cret@smtp.example.com:465');
  assert.equal(config.mailFrom, 'Example <no-reply@example.com>');
  assert.equal(config.smsWebhookUrl, 'https://sms.example.com/send?route=otp');
  assert.equal(config.smsWebhookAuth, 'Bearer abc.def');
  assert.equal(
    loadConfig({ env: {}, flags: { smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'a@b.example' } })
      .smtpUrl,
    'smtp://127.0.0.1:2525',
  );
  assert.equal(
    loadConfig({ env: { LATCHKEY_MAIL_FROM: 'no-reply@localhost' } }).mailFrom,
    'no-reply@localhost',
  );

  for (const url of ['http://smtp.example.com', 'smtp.example.com:25', 'smtp://', 'mailto:a@b.c']) {
    assert.match(
      settingOf(() => loadConfig({ env: { LATCHKEY_SMTP_URL: url } })),
      /LATCHKEY_SMTP_URL/,
    );
  }
  for (const from of [
    'nobody',
    'Name <>',
    'a@b.example, c@d.example',
    'x <a@b.example> y',
    'Bad\u0001 <a@b.example>',
  ]) {
    assert.match(
      settingOf(() => loadConfig({ env: { LATCHKEY_MAIL_FROM: from } })),
      /LATCHKEY_MAIL_FROM/,
    );
  }
  for (const url of ['ftp://sms.example.com', 'not a url', '/relative']) {
    assert.match(
      settingOf(() => loadConfig({ env: { LATCHKEY_SMS_WEBHOOK_URL: url } })),
      /LATCHKEY_SMS_WEBHOOK_URL/,
    );
  }
  assert.match(
    settingOf(() => loadConfig({ env: { LATCHKEY_SMS_WEBHOOK_AUTH: 'Bearer a\r\nX-Evil: 1' } })),
    /LATCHKEY_SMS_WEBHOOK_AUTH/,
  );
});

test('an invalid SMTP URL is reported without its password', () => {
  try {
    loadConfig({ env: { LATCHKEY_SMTP_URL: 'https://user:hunter2@smtp.example.com' } });
    assert.fail('expected a ConfigError');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.ok(!error.message.includes('hunter2'), error.message);
  }
});

test('master key: base64 of 32 bytes from env or flag; anything else names the setting and is not echoed', () => {
  assert.equal(loadConfig({ env: {} }).masterKey, undefined);
  const key = Buffer.alloc(32, 7);
  assert.deepEqual(
    loadConfig({ env: { LATCHKEY_MASTER_KEY: key.toString('base64') } }).masterKey,
    key,
  );
  assert.deepEqual(
    loadConfig({ env: {}, flags: { masterKey: key.toString('base64url') } }).masterKey,
    key,
  );
  for (const bad of ['short', Buffer.alloc(16, 1).toString('base64'), `${'A'.repeat(43)}=x`]) {
    assert.throws(
      () => loadConfig({ env: { LATCHKEY_MASTER_KEY: bad } }),
      (error: Error) =>
        error instanceof ConfigError &&
        /LATCHKEY_MASTER_KEY \(--master-key\)/.test(error.message) &&
        /openssl rand -base64 32/.test(error.message) &&
        !error.message.includes(bad),
    );
  }
});

test('User store listener: port 8443 by default; TLS files all three or none', () => {
  const defaults = loadConfig({ env: {} });
  assert.equal(defaults.userstorePort, 8443);
  assert.equal(defaults.userstoreTlsCert, undefined);
  assert.equal(loadConfig({ env: { LATCHKEY_USERSTORE_PORT: '0' } }).userstorePort, 0);
  assert.throws(
    () => loadConfig({ env: { LATCHKEY_USERSTORE_PORT: 'https' } }),
    (error: Error) => error instanceof ConfigError && /LATCHKEY_USERSTORE_PORT/.test(error.message),
  );
  const all = loadConfig({
    env: {
      LATCHKEY_USERSTORE_TLS_CERT: 'server.pem',
      LATCHKEY_USERSTORE_TLS_KEY: 'server.key',
      LATCHKEY_USERSTORE_TLS_CA: 'clients-ca.pem',
    },
  });
  assert.ok(all.userstoreTlsCert?.endsWith('server.pem') && all.userstoreTlsCa?.endsWith('ca.pem'));
  assert.throws(
    () => loadConfig({ env: { LATCHKEY_USERSTORE_TLS_CERT: 'server.pem' } }),
    (error: Error) =>
      error instanceof ConfigError &&
      /LATCHKEY_USERSTORE_TLS_KEY/.test(error.message) &&
      /none of them to use the dev CA/.test(error.message),
  );
});
