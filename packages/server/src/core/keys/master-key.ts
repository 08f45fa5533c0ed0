import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../../config/config.js';

/** What decides where the master key comes from. */
export type MasterKeySource = Pick<Config, 'masterKey' | 'databaseUrl' | 'dataDir'>;

const setting = 'LATCHKEY_MASTER_KEY (--master-key)';

export const masterKeyFileName = 'master.key';

/**
 * The key that encrypts signing keys at rest. A configured key wins. Without one, SQLite
 * (single node, dev) uses `<dataDir>/master.key`, created with 32 random bytes and mode 0600
 * on first use; PostgreSQL refuses, because several nodes must share the same key.
 * @throws ConfigError saying what to set
 */
export function loadMasterKey(source: MasterKeySource): Buffer {
  if (source.masterKey) return source.masterKey;
  if (source.databaseUrl) {
    throw new ConfigError(
      setting,
      'is not set: with PostgreSQL every node must use the same master key to decrypt signing keys. Generate one with `openssl rand -base64 32`, keep it safe, and set LATCHKEY_MASTER_KEY to it on every node',
    );
  }
  const file = path.join(source.dataDir, masterKeyFileName);
  const existing = readKeyFile(file);
  if (existing) return existing;
  const key = randomBytes(32);
  try {
    mkdirSync(source.dataDir, { recursive: true });
    // Written in full to a private temporary file, then linked into place: a concurrent
    // reader never sees a half-written key, and link() never overwrites another process's key.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeFileSync(fd, `${key.toString('base64')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, 0o600);
    try {
      linkSync(temporary, file);
    } finally {
      unlinkSync(temporary);
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = readKeyFile(file);
      if (raced) return raced;
    }
    throw new ConfigError(
      'LATCHKEY_DATA_DIR (--data-dir)',
      `cannot create ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); make the data directory writable, or set LATCHKEY_MASTER_KEY`,
    );
  }
}

function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(
      'LATCHKEY_DATA_DIR (--data-dir)',
      `cannot read ${file} (${code ?? 'error'}); check its permissions, or set LATCHKEY_MASTER_KEY`,
    );
  }
  const key = parseMasterKey(text);
  if (!key) {
    throw new ConfigError(
      setting,
      `unset, and ${file} does not hold a base64-encoded 32-byte key; restore it from a backup (signing keys cannot be decrypted without it)`,
    );
  }
  return key;
}

/** base64 (or base64url) of exactly 32 bytes, else undefined. */
export function parseMasterKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : undefined;
}
