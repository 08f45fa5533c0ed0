import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, readEnvironment } from '../src/config.js';

const base = { CORBADO_PROJECT_ID: 'pro-123', CORBADO_API_SECRET: 'corbado1_x' };

/** The setting a ConfigError names. */
function settingOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.setting;
  }
  assert.fail('no ConfigError');
}

test('defaults: port 3000, Latchkey on localhost:8080, a generated session key, 10 min / 14 days', () => {
  const config = loadConfig(base);
  assert.equal(config.port, 3000);
  assert.equal(config.backendApiUrl, 'http://localhost:8080');
  assert.equal(config.frontendApiUrl, 'http://localhost:8080');
  assert.equal(config.sessionKeyGenerated, true);
  assert.equal(config.sessionKey.length, 32);
  assert.notDeepEqual(loadConfig(base).sessionKey, config.sessionKey);
  assert.equal(config.accessTokenTtlSeconds, 600);
  assert.equal(config.refreshTokenTtlSeconds, 14 * 24 * 3600);
});

test('every malformed or missing setting is named', () => {
  assert.equal(settingOf({ CORBADO_API_SECRET: 'x' }), 'CORBADO_PROJECT_ID');
  assert.equal(settingOf({ ...base, CORBADO_PROJECT_ID: 'project-1' }), 'CORBADO_PROJECT_ID');
  assert.equal(settingOf({ CORBADO_PROJECT_ID: 'pro-1' }), 'CORBADO_API_SECRET');
  assert.equal(
    settingOf({ ...base, CORBADO_BACKEND_API: 'localhost:8080' }),
    'CORBADO_BACKEND_API',
  );
  assert.equal(settingOf({ ...base, CORBADO_FRONTEND_API: 'ftp://x' }), 'CORBADO_FRONTEND_API');
  assert.equal(settingOf({ ...base, PORT: '70000' }), 'PORT');
  assert.equal(settingOf({ ...base, PORT: 'abc' }), 'PORT');
  assert.equal(settingOf({ ...base, SESSION_SECRET: 'short' }), 'SESSION_SECRET');
  assert.equal(settingOf({ ...base, ACCESS_TOKEN_TTL_SECONDS: '0' }), 'ACCESS_TOKEN_TTL_SECONDS');
});

test('a .env file is read, the environment wins over it, trailing slashes are dropped', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'custom-api-env-'));
  const file = path.join(dir, '.env');
  writeFileSync(
    file,
    [
      'CORBADO_PROJECT_ID=pro-42',
      'CORBADO_API_SECRET="corbado1_from_file"',
      'CORBADO_BACKEND_API=https://auth.example.com/',
      'PORT=4000',
      `SESSION_SECRET=${'s'.repeat(40)}`,
    ].join('\n'),
  );
  const config = loadConfig(readEnvironment({ PORT: '5000' }, file));
  assert.equal(config.projectId, 'pro-42');
  assert.equal(config.apiSecret, 'corbado1_from_file');
  assert.equal(config.backendApiUrl, 'https://auth.example.com');
  assert.equal(config.port, 5000);
  assert.equal(config.sessionKeyGenerated, false);
  assert.deepEqual(config.sessionKey, new TextEncoder().encode('s'.repeat(40)));
  // No file: only the environment.
  assert.equal(readEnvironment({ PORT: '1' }, path.join(dir, 'missing')).PORT, '1');
});
