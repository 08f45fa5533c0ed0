import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

/**
 * One typed, validated configuration. Sources, strongest first: command-line flags,
 * environment (`LATCHKEY_*`), a JSON config file (`--config` / `LATCHKEY_CONFIG`), defaults.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` for PostgreSQL; undefined means SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** The externally visible origin (no path, no trailing slash); derived from host and port when unset. */
  publicUrl: string | undefined;
  /** Which proxies may set `X-Forwarded-*`: false (none), true (any), a hop count, or addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  logLevel: LogLevel;
  logFormat: 'pretty' | 'json';
  /** Port of the separate Prometheus listener; undefined disables `/metrics`. */
  metricsPort: number | undefined;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Apply pending migrations at start. */
  migrate: boolean;
  /** How often the janitor deletes expired rows. */
  janitorIntervalMs: number;
  /**
   * Server processes sharing the port (node:cluster), 1 to 64. They are stateless nodes of one
   * database, like several machines; more than one uses more cores.
   */
  workers: number;
  /** `smtp://…` or `smtps://…` to send mail; undefined: the dev transport (terminal and dev outbox). */
  smtpUrl: string | undefined;
  /** Default mail sender (`address` or `Name <address>`); a project's `email_from` overrides it. */
  mailFrom: string | undefined;
  /** Where SMS are POSTed as JSON `{to, text}`; undefined: the dev transport. */
  smsWebhookUrl: string | undefined;
  /** `Authorization` header value for the SMS webhook. */
  smsWebhookAuth: string | undefined;
  /**
   * Encrypts signing keys at rest: 32 bytes, given as base64. Unset: SQLite generates
   * `<dataDir>/master.key` on first use; PostgreSQL refuses to start (nodes must share it).
   */
  masterKey: Buffer | undefined;
  /** Port of the User store API's mutual-TLS listener (0 picks a free one). */
  userstorePort: number;
  /**
   * PEM files of the User store listener's own certificate, key, and the CA its clients'
   * certificates must chain to. All three or none: none means the dev CA in the data dir.
   */
  userstoreTlsCert: string | undefined;
  userstoreTlsKey: string | undefined;
  userstoreTlsCa: string | undefined;
  /**
   * `redis://…` or `rediss://…`: rate-limit counters in Redis instead of the database. The
   * start fails when it is set and Redis does not answer.
   */
  redisUrl: string | undefined;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Raw values as they come from flags, environment or file: strings or already-typed values. */
export type ConfigInput = Partial<Record<keyof Config, unknown>>;

/** A configuration problem: names the setting and says how to fix it. */
export class ConfigError extends Error {
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(`Invalid configuration: ${setting}: ${message}`);
    this.name = 'ConfigError';
    this.setting = setting;
  }
}

/** Environment variable for each setting. */
export const envNames: Record<keyof Config, string> = {
  port: 'LATCHKEY_PORT',
  host: 'LATCHKEY_HOST',
  dataDir: 'LATCHKEY_DATA_DIR',
  databaseUrl: 'LATCHKEY_DATABASE_URL',
  publicUrl: 'LATCHKEY_PUBLIC_URL',
  trustProxy: 'LATCHKEY_TRUST_PROXY',
  logLevel: 'LATCHKEY_LOG_LEVEL',
  logFormat: 'LATCHKEY_LOG_FORMAT',
  metricsPort: 'LATCHKEY_METRICS_PORT',
  bodyLimitBytes: 'LATCHKEY_BODY_LIMIT',
  migrate: 'LATCHKEY_MIGRATE',
  janitorIntervalMs: 'LATCHKEY_JANITOR_INTERVAL_MS',
  workers: 'LATCHKEY_WORKERS',
  smtpUrl: 'LATCHKEY_SMTP_URL',
  mailFrom: 'LATCHKEY_MAIL_FROM',
  smsWebhookUrl: 'LATCHKEY_SMS_WEBHOOK_URL',
  smsWebhookAuth: 'LATCHKEY_SMS_WEBHOOK_AUTH',
  masterKey: 'LATCHKEY_MASTER_KEY',
  userstorePort: 'LATCHKEY_USERSTORE_PORT',
  userstoreTlsCert: 'LATCHKEY_USERSTORE_TLS_CERT',
  userstoreTlsKey: 'LATCHKEY_USERSTORE_TLS_KEY',
  userstoreTlsCa: 'LATCHKEY_USERSTORE_TLS_CA',
  redisUrl: 'LATCHKEY_REDIS_URL',
};

export interface LoadConfigOptions {
  /** Values from command-line flags (strongest). */
  flags?: ConfigInput;
  env?: NodeJS.ProcessEnv;
  /** Path of a JSON config file; defaults to `LATCHKEY_CONFIG` when set. */
  configFile?: string;
  /** Is standard error (where logs go) a terminal? Decides the default log format. */
  isTty?: boolean;
}

/**
 * Builds the Config from flags, environment, file and defaults.
 * @throws ConfigError naming the setting and the fix.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const filePath = options.configFile ?? env.LATCHKEY_CONFIG;
  const fromFile = filePath ? readConfigFile(filePath) : {};
  const fromEnv: ConfigInput = {};
  for (const [key, name] of Object.entries(envNames) as [keyof Config, string][]) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const flags = Object.fromEntries(
    Object.entries(options.flags ?? {}).filter(([, value]) => value !== undefined),
  );
  const raw: ConfigInput = { ...fromFile, ...fromEnv, ...flags };
  const tls = parseUserstoreTls(raw);
  return {
    port: parsePort('port', raw.port ?? 8080),
    host: parseHost(raw.host ?? '127.0.0.1'),
    dataDir: path.resolve(parseString('dataDir', raw.dataDir ?? './.latchkey')),
    databaseUrl: parseDatabaseUrl(raw.databaseUrl),
    publicUrl: raw.publicUrl === undefined ? undefined : parseOrigin('publicUrl', raw.publicUrl),
    trustProxy: parseTrustProxy(raw.trustProxy ?? false),
    logLevel: parseLogLevel(raw.logLevel ?? 'info'),
    logFormat: parseLogFormat(raw.logFormat ?? (options.isTty ? 'pretty' : 'json')),
    metricsPort:
      raw.metricsPort === undefined ? undefined : parsePort('metricsPort', raw.metricsPort),
    bodyLimitBytes: parsePositiveInt('bodyLimitBytes', raw.bodyLimitBytes ?? 1_048_576),
    migrate: parseBoolean('migrate', raw.migrate ?? true),
    janitorIntervalMs: parsePositiveInt('janitorIntervalMs', raw.janitorIntervalMs ?? 60_000),
    workers: parseWorkers(raw.workers ?? 1),
    smtpUrl: raw.smtpUrl === undefined ? undefined : parseSmtpUrl(raw.smtpUrl),
    mailFrom: raw.mailFrom === undefined ? undefined : parseMailFrom(raw.mailFrom),
    smsWebhookUrl: raw.smsWebhookUrl === undefined ? undefined : parseWebhookUrl(raw.smsWebhookUrl),
    smsWebhookAuth:
      raw.smsWebhookAuth === undefined ? undefined : parseHeaderValue(raw.smsWebhookAuth),
    masterKey: raw.masterKey === undefined ? undefined : parseMasterKeySetting(raw.masterKey),
    userstorePort: parsePort('userstorePort', raw.userstorePort ?? 8443),
    redisUrl: raw.redisUrl === undefined ? undefined : parseRedisUrl(raw.redisUrl),
    ...tls,
  };
}

/** The User store listener's TLS files: all three paths (resolved) or none. */
function parseUserstoreTls(
  raw: ConfigInput,
): Pick<Config, 'userstoreTlsCert' | 'userstoreTlsKey' | 'userstoreTlsCa'> {
  const settings = ['userstoreTlsCert', 'userstoreTlsKey', 'userstoreTlsCa'] as const;
  const given = settings.filter((setting) => raw[setting] !== undefined);
  if (given.length === 0) {
    return { userstoreTlsCert: undefined, userstoreTlsKey: undefined, userstoreTlsCa: undefined };
  }
  const missing = settings.find((setting) => raw[setting] === undefined);
  if (missing) {
    throw new ConfigError(
      label(missing),
      `is required when ${given.map((setting) => envNames[setting]).join(' and ')} ${given.length === 1 ? 'is' : 'are'} set: give the certificate, its key and the client CA, or none of them to use the dev CA`,
    );
  }
  const [cert, key, ca] = settings.map((setting) =>
    path.resolve(parseString(setting, raw[setting])),
  );
  return { userstoreTlsCert: cert, userstoreTlsKey: key, userstoreTlsCa: ca };
}

/** The origin the server is reachable at: the configured public URL, else derived from host and port. */
export function resolvePublicUrl(config: Config, actualPort: number): string {
  if (config.publicUrl) return config.publicUrl;
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const host =
    wildcard || config.host === '127.0.0.1' || config.host === '::1'
      ? 'localhost'
      : config.host.includes(':')
        ? `[${config.host}]`
        : config.host;
  return `http://${host}:${actualPort}`;
}

/** Start flags whose name is not the setting's name in kebab case. */
const flagNames: Partial<Record<keyof Config, string>> = {
  bodyLimitBytes: '--body-limit',
  migrate: '--no-migrate',
};

function label(setting: keyof Config): string {
  return `${envNames[setting]} (${flagNames[setting] ?? `--${kebab(setting)}`})`;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function readConfigFile(filePath: string): ConfigInput {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'LATCHKEY_CONFIG (--config)',
      `cannot read ${filePath} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError('LATCHKEY_CONFIG (--config)', `${filePath} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('LATCHKEY_CONFIG (--config)', `${filePath} must hold a JSON object`);
  }
  const known = new Set(Object.keys(envNames));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) {
      throw new ConfigError(
        'LATCHKEY_CONFIG (--config)',
        `unknown setting "${key}" in ${filePath}; known settings: ${[...known].join(', ')}`,
      );
    }
  }
  return parsed as ConfigInput;
}

function parseString(setting: keyof Config, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(label(setting), 'must be a non-empty string');
  }
  return value.trim();
}

function parsePositiveInt(setting: keyof Config, value: unknown): number {
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new ConfigError(label(setting), `"${String(value)}" is not a positive whole number`);
  }
  return number;
}

/** Most worker processes accepted: far beyond the cores of one machine. */
export const maxWorkers = 64;

function parseWorkers(value: unknown): number {
  const number = parsePositiveInt('workers', value);
  if (number > maxWorkers) {
    throw new ConfigError(
      label('workers'),
      `must be at most ${maxWorkers}; one per CPU core is plenty`,
    );
  }
  return number;
}

function parsePort(setting: keyof Config, value: unknown): number {
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(number) || number < 0 || number > 65535 || String(value).trim() === '') {
    throw new ConfigError(
      label(setting),
      `"${String(value)}" is not a port; use a number from 1 to 65535, or 0 to pick a free port`,
    );
  }
  return number;
}

function parseHost(value: unknown): string {
  const host = parseString('host', value);
  if (host !== 'localhost' && isIP(host) === 0 && !/^[A-Za-z0-9.-]+$/.test(host)) {
    throw new ConfigError(
      label('host'),
      `"${host}" is not an address to listen on; use e.g. 127.0.0.1 or 0.0.0.0`,
    );
  }
  return host;
}

function parseRedisUrl(value: unknown): string {
  const text = parseString('redisUrl', value);
  let valid = /^rediss?:\/\//.test(text);
  try {
    new URL(text);
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new ConfigError(
      label('redisUrl'),
      'must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379); leave it unset to keep rate-limit counters in the database',
    );
  }
  return text;
}

function parseDatabaseUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = parseString('databaseUrl', value);
  if (!/^postgres(ql)?:\/\//.test(text)) {
    throw new ConfigError(
      label('databaseUrl'),
      'must start with postgres:// (for PostgreSQL); leave it unset to use SQLite in the data directory',
    );
  }
  try {
    new URL(text);
  } catch {
    throw new ConfigError(
      label('databaseUrl'),
      'is not a valid URL; e.g. postgres://user@host:5432/db',
    );
  }
  return text;
}

/** Parses an origin that must have no path, query or trailing slash. */
export function parseOrigin(setting: keyof Config | string, value: unknown): string {
  const name = setting in envNames ? label(setting as keyof Config) : setting;
  const text = typeof value === 'string' ? value.trim() : '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      name,
      `"${String(value)}" is not a URL; use e.g. https://auth.example.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(name, `"${text}" must use http or https`);
  }
  if (text !== url.origin) {
    throw new ConfigError(
      name,
      `"${text}" must be a bare origin (scheme, host and port; no path and no trailing slash), e.g. ${url.origin}`,
    );
  }
  return url.origin;
}

function parseTrustProxy(value: unknown): boolean | number | string[] {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return parsePositiveInt('trustProxy', value);
  if (Array.isArray(value)) return value.map((entry) => parseProxyEntry(String(entry)));
  const text = String(value).trim();
  if (text === '' || text === 'false' || text === 'off' || text === '0') return false;
  if (text === 'true') return true;
  if (/^[0-9]+$/.test(text)) return parsePositiveInt('trustProxy', text);
  return text.split(',').map((entry) => parseProxyEntry(entry.trim()));
}

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseProxyEntry(entry: string): string {
  const [address, bits, ...rest] = entry.split('/');
  const validBits = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= 128);
  if (proxyNames.has(entry) || (rest.length === 0 && address && isIP(address) && validBits)) {
    return entry;
  }
  throw new ConfigError(
    label('trustProxy'),
    `"${entry}" is not a proxy address; use false, true, a hop count, or a comma-separated list of addresses, CIDRs, loopback, linklocal, uniquelocal`,
  );
}

function parseLogLevel(value: unknown): LogLevel {
  const text = String(value).trim();
  if ((logLevels as readonly string[]).includes(text)) return text as LogLevel;
  throw new ConfigError(label('logLevel'), `"${text}" is not one of ${logLevels.join(', ')}`);
}

function parseLogFormat(value: unknown): 'pretty' | 'json' {
  const text = String(value).trim();
  if (text === 'pretty' || text === 'json') return text;
  throw new ConfigError(label('logFormat'), `"${text}" is not one of pretty, json`);
}

function parseBoolean(setting: keyof Config, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(label(setting), `"${String(value)}" is not true or false`);
}

/** An SMTP server URL: smtp:// (STARTTLS when offered) or smtps:// (TLS), with a host. */
function parseSmtpUrl(value: unknown): string {
  const text = parseString('smtpUrl', value);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    // The value may carry a password: never echo it.
    throw new ConfigError(
      label('smtpUrl'),
      'must be smtp://[user:password@]host[:port] or smtps://…; leave it unset to print mail to the terminal',
    );
  }
  return text;
}

/** A sender: `address@example.com` or `Name <address@example.com>`, one line. */
function parseMailFrom(value: unknown): string {
  const text = parseString('mailFrom', value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a display name must not carry control characters
  const address = /^(?:[^<>\u0000-\u001f\u007f]*<([^<>\s]+)>|([^<>\s]+))$/.exec(text);
  const email = address?.[1] ?? address?.[2];
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new ConfigError(
      label('mailFrom'),
      `"${text}" is not a sender; use e.g. no-reply@example.com or "Example <no-reply@example.com>"`,
    );
  }
  return text;
}

/** An http(s) URL to POST to (a path and query are allowed). */
function parseWebhookUrl(value: unknown): string {
  const text = parseString('smsWebhookUrl', value);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(
      label('smsWebhookUrl'),
      'must be an http:// or https:// URL; leave it unset to print SMS to the terminal',
    );
  }
  return text;
}

/** A header value: one line of printable characters. */
function parseHeaderValue(value: unknown): string {
  const text = parseString('smsWebhookAuth', value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw new ConfigError(label('smsWebhookAuth'), 'must be one line without control characters');
  }
  return text;
}

/** base64 (or base64url) of exactly 32 bytes. The value is secret: never echo it. */
function parseMasterKeySetting(value: unknown): Buffer {
  const text = typeof value === 'string' ? value.trim() : '';
  const key = /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
    ? Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    : undefined;
  if (key?.length !== 32) {
    throw new ConfigError(
      label('masterKey'),
      'must be 32 random bytes in base64 (44 characters); generate one with `openssl rand -base64 32`',
    );
  }
  return key;
}
