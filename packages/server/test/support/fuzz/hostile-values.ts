import fc from 'fast-check';

/** Strings that have broken parsers, routers and SQL before. */
export const hostileStrings = [
  '',
  ' ',
  '\t',
  '0',
  '-1',
  '1',
  '1.5',
  '1e3',
  '1e309',
  '0x10',
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '00000000000000000000',
  '99999999999999999999',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775809',
  '18446744073709551616',
  '..',
  '.',
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '%2F',
  '%2e%2e',
  '\u0000',
  '\u0000abc',
  '\u0007\u001b[31m',
  '\r\nX-Injected: 1',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '\\',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'ü',
  'ﬀ',
  'İ',
  '😀',
  '👩‍👩‍👧‍👦',
  '\u202eevil',
  '\ud800',
  '\udfff',
  '١٢٣',
  '１２３',
  '<script>alert(1)</script>',
  // Template injection probe (a plain string on purpose).
  ['$', '{7*7}'].join(''),
  'usr-',
  'usr--1',
  'usr-1.5',
  'usr-1e5',
  'usr-١٢٣',
  'usr-１２３',
  ' usr-1234567890123456789',
  'usr-1234567890123456789 ',
  'USR-1234567890123456789',
  'usr-12345678901234567890',
  'usr-123456789012345678901',
  '2021-07-20',
  '2021-13-45T25:61:61Z',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
];

/** Values that look almost right to email, phone, URL and host name parsers. */
export const trickyEmails = [
  'a@b',
  '@',
  '@example.com',
  'a@',
  'a@@example.com',
  'a@b@example.com',
  '"a b"@example.com',
  'a@[127.0.0.1]',
  'ä@ü.de',
  'a@xn--',
  'a@example..com',
  'a.@example.com',
  'A@EXAMPLE.COM',
  ' a@example.com ',
  'a@example.com\n',
  `${'a'.repeat(65)}@example.com`,
  `a@${'b'.repeat(64)}.com`,
];
export const trickyPhones = [
  '+',
  '+0',
  '+1',
  '+999999999999999999999',
  '+49 151 1234567',
  '+49-151-1234567',
  '0049151123456',
  '+4915112345678901234567890',
  '+49151123456７',
  '++49151123456',
  '+49 (0) 151 123456',
  '+1 202 555 0100 ext. 5',
];
export const trickyUrls = [
  'https://',
  'https://[::1',
  'https://[::1]/',
  'http://localhost',
  'http://localhost:0',
  'javascript:alert(1)',
  'data:text/html,x',
  'file:///etc/passwd',
  'https://user:pass@example.com/',
  'https://exa mple.com',
  'https://xn--/',
  '//example.com',
  'https://example.com:99999/',
  'https://127.0.0.1/',
  'https://[fe80::1%25eth0]/',
  'https://example.com/%zz',
  'https://ex%41mple.com/',
  `https://example.com/${'a'.repeat(2100)}`,
];
export const trickyHosts = [
  'localhost',
  '*.example.com',
  'example..com',
  '-a.example.com',
  `${'a'.repeat(64)}.example.com`,
  'https://example.com:0',
  'http://example.com',
  'https://example.com/path?q=1',
  'example.com.',
  '.example.com',
  '127.0.0.1',
  '[::1]',
  'bücher.example',
  'xn--bcher-kva.example',
  'EXAMPLE.COM',
];

/** Numbers at the edges of what JSON, JavaScript, 32/64-bit integers and SQL can hold. */
export const edgeNumbers = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  2 ** 63,
  -(2 ** 63),
  2 ** 64,
  1e21,
  1e308,
  -1e308,
  5e-324,
  Number.EPSILON,
];

/** Object keys that attack prototypes or confuse case-insensitive handling. */
export const hostileKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  '$where',
  'id',
  'ID',
  'projectID',
  'project_id',
  'userID',
  'createdAt',
  'created',
  'status',
  'Status',
  '\u0000',
];

/** A string that breaks something, or random text of any Unicode, sometimes very long. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...hostileStrings), weight: 5 },
    {
      arbitrary: fc.constantFrom(...trickyEmails, ...trickyPhones, ...trickyUrls, ...trickyHosts),
      weight: 2,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom('x', '1', 'é', '😀', 'a b', '%'),
          fc.integer({ min: 200, max: 5000 }),
        )
        .map(([unit, count]) => unit.repeat(count)),
      weight: 1,
    },
  );
}

/** Any JSON-ish value a client could send where something else was expected. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: hostileString(), weight: 4 },
    { arbitrary: fc.constantFrom(...edgeNumbers), weight: 3 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.constantFrom(null, true, false), weight: 2 },
    { arbitrary: fc.constantFrom([], {}, [[]], [{}], [null], ['x']), weight: 2 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
    { arbitrary: prototypePollution(), weight: 1 },
    {
      arbitrary: fc.integer({ min: 50, max: 2000 }).map((depth) => nest(depth)),
      weight: 1,
    },
  );
}

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** Sets a property as an own, enumerable data property (so `__proto__` is a plain key). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `{"__proto__": {...}}` and `{"constructor": {"prototype": {...}}}` as own keys. */
export function prototypePollution(): fc.Arbitrary<Record<string, unknown>> {
  return fc.constantFrom('__proto__', 'constructor').map((key) => {
    const payload: Record<string, unknown> = {};
    const inner: Record<string, unknown> = {};
    setOwn(inner, 'polluted', 'yes');
    setOwn(inner, 'status', 'active');
    setOwn(payload, key, key === 'constructor' ? { prototype: inner } : inner);
    return payload;
  });
}

/** An object key: a hostile one, a random one, or a different spelling of a real field. */
export function hostileKey(fields: string[]): fc.Arbitrary<string> {
  const arbitraries: fc.Arbitrary<string>[] = [
    fc.constantFrom(...hostileKeys),
    fc.string({ maxLength: 12 }),
  ];
  if (fields.length > 0) {
    arbitraries.push(
      fc
        .constantFrom(...fields)
        .chain((field) =>
          fc.constantFrom(field.toUpperCase(), field.toLowerCase(), `${field} `, `${field}[]`),
        ),
    );
  }
  return fc.oneof(...arbitraries);
}
