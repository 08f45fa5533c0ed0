import { randomBytes, randomFillSync } from 'node:crypto';

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

/**
 * CSPRNG bytes drawn from a pool filled 4 KiB at a time: a request takes a dozen small draws
 * (IDs, challenges, tokens), and one call into the CSPRNG per draw cost more than the draw.
 * Every byte is handed out once and wiped from the pool as it leaves.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function takeBytes(length: number): Buffer {
  if (length > pool.length) return randomBytes(length);
  if (poolOffset + length > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + length));
  pool.fill(0, poolOffset, poolOffset + length);
  poolOffset += length;
  return out;
}

/**
 * `length` symbols below `radix` (plus `offset`), uniform: bytes at or above the largest
 * multiple of the radix are rejected, so no symbol is favoured.
 */
function uniformSymbols(length: number, radix: number, emit: (value: number) => void) {
  const ceiling = 256 - (256 % radix);
  let produced = 0;
  while (produced < length) {
    for (const byte of takeBytes((length - produced) * 2)) {
      if (byte >= ceiling) continue;
      emit(byte % radix);
      if (++produced === length) return;
    }
  }
}

/** Uniform base62 from the CSPRNG. */
function cryptoBase62(length: number): string {
  let out = '';
  uniformSymbols(length, 62, (value) => {
    out += base62Alphabet[value];
  });
  return out;
}

function cryptoDigits(length: number): string {
  let out = '';
  uniformSymbols(1, 9, (value) => {
    out += String(value + 1);
  });
  if (length > 1) {
    uniformSymbols(length - 1, 10, (value) => {
      out += String(value);
    });
  }
  return out;
}

export const cryptoRandom: Random = {
  base62: cryptoBase62,
  digits: cryptoDigits,
  bytes: takeBytes,
};
