// A tiny CBOR encoder (RFC 8949), just enough for WebAuthn: unsigned and negative integers,
// byte strings, text strings, arrays, maps and booleans. Maps are written in CTAP2 canonical
// order (keys sorted by encoded length, then bytewise), as real authenticators emit them.

export type CborValue =
  | number
  | bigint
  | boolean
  | string
  | Uint8Array
  | CborValue[]
  | Map<number | string, CborValue>;

function head(major: number, value: number | bigint): Buffer {
  const n = BigInt(value);
  if (n < 0n) throw new RangeError('CBOR head argument must be non-negative');
  const m = major << 5;
  if (n < 24n) return Buffer.from([m | Number(n)]);
  if (n < 0x100n) return Buffer.from([m | 24, Number(n)]);
  if (n < 0x10000n) {
    const b = Buffer.alloc(3);
    b[0] = m | 25;
    b.writeUInt16BE(Number(n), 1);
    return b;
  }
  if (n < 0x100000000n) {
    const b = Buffer.alloc(5);
    b[0] = m | 26;
    b.writeUInt32BE(Number(n), 1);
    return b;
  }
  if (n < 0x10000000000000000n) {
    const b = Buffer.alloc(9);
    b[0] = m | 27;
    b.writeBigUInt64BE(n, 1);
    return b;
  }
  throw new RangeError('CBOR integer out of range');
}

export function encodeCbor(value: CborValue): Buffer {
  if (typeof value === 'boolean') return Buffer.from([value ? 0xf5 : 0xf4]);
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new TypeError(`CBOR encoder supports integers only, got ${value}`);
    }
    const n = BigInt(value);
    return n >= 0n ? head(0, n) : head(1, -1n - n);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) {
    return Buffer.concat([head(4, value.length), ...value.map(encodeCbor)]);
  }
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => [encodeCbor(k), encodeCbor(v)] as const);
    entries.sort(([a], [b]) => a.length - b.length || Buffer.compare(a, b));
    return Buffer.concat([head(5, entries.length), ...entries.flat()]);
  }
  throw new TypeError('unsupported CBOR value');
}
