import { randomBytes, randomInt } from 'node:crypto';

const base62Alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Source of randomness, injectable so tests can seed it. */
export interface Random {
  /** `length` characters drawn uniformly from [0-9A-Za-z]. */
  base62(length: number): string;
  /** A decimal string of exactly `length` digits, first digit non-zero. */
  digits(length: number): string;
  /** `length` bytes from the CSPRNG (challenges, token IDs). */
  bytes(length: number): Buffer;
}

/** Uniform base62 from the CSPRNG, with rejection sampling so no character is favoured. */
function cryptoBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: bytes at or above it would bias the first characters.
      if (byte < 248) out += base62Alphabet[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

function cryptoDigits(length: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < length) out += String(randomInt(0, 10));
  return out;
}

export const cryptoRandom: Random = {
  base62: cryptoBase62,
  digits: cryptoDigits,
  bytes: (length) => randomBytes(length),
};
