import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { LatchkeyError } from '../errors.js';

const version = 'v1';

/**
 * Encrypts a private key (PEM or JSON text) with AES-256-GCM under the master key. The key's
 * ID is the additional authenticated data, so a ciphertext copied to another row does not
 * decrypt. Output: `v1:<iv>:<tag>:<ciphertext>`, each part base64url; a fresh 12-byte IV each time.
 */
export function encryptPrivateKey(masterKey: Buffer, keyId: string, plaintext: string): string {
  assertMasterKey(masterKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [version, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join(':');
}

/**
 * Reverses encryptPrivateKey.
 * @throws LatchkeyError INTERNAL when the format is unknown, the master key is wrong, the
 * data was changed, or it belongs to another key ID.
 */
export function decryptPrivateKey(masterKey: Buffer, keyId: string, encrypted: string): string {
  assertMasterKey(masterKey);
  const parts = encrypted.split(':');
  if (parts.length !== 4 || parts[0] !== version) {
    throw new LatchkeyError('INTERNAL', `signing key ${keyId}: unknown encryption format`);
  }
  const [, ivText, tagText, dataText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== 12 || tag.length !== 16) {
    throw new LatchkeyError('INTERNAL', `signing key ${keyId}: malformed ciphertext`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, iv);
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([
      decipher.update(Buffer.from(dataText, 'base64url')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch (error) {
    throw new LatchkeyError(
      'INTERNAL',
      `signing key ${keyId} does not decrypt: wrong LATCHKEY_MASTER_KEY, or the stored key was altered`,
      { cause: error },
    );
  }
}

function assertMasterKey(masterKey: Buffer): void {
  if (masterKey.length !== 32) {
    throw new LatchkeyError('INTERNAL', 'the master key must be 32 bytes');
  }
}
