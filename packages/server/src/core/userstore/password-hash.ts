import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` (a const enum, which cannot be imported as a value here). */
const argon2id = 2 as Algorithm;

/**
 * OWASP Password Storage Cheat Sheet, Argon2id: "a minimum configuration of 19 MiB of
 * memory, an iteration count of 2, and 1 degree of parallelism".
 */
export const argon2Parameters = {
  algorithm: argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a password with argon2id into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Parameters);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a PHC hash. Without a hash (a user who has no password) it
 * verifies against a fixed dummy hash and answers false, so both cases take as long as a
 * wrong password. argon2's own comparison of the derived key is constant-time.
 */
export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  if (hashed === null) {
    dummyHash ??= hashPassword('latchkey-no-password-set');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(hashed, password).catch(() => false);
}
