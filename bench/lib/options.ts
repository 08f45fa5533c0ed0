import { parseArgs } from 'node:util';

export type DatabaseChoice = 'sqlite' | 'postgres';

/** Everything `passkey-logins.ts` can be told, validated. */
export interface BenchOptions {
  databases: DatabaseChoice[];
  postgresUrl: string | undefined;
  concurrency: number[];
  durationMs: number;
  warmupMs: number;
  users: number;
  clientWorkers: number;
  signPasskeyData: boolean;
  signatureAlgorithm: string;
  cryptoMs: number;
  /** Benchmark this running server instead of starting one. */
  url: string | undefined;
  projectId: string | undefined;
  apiSecret: string | undefined;
  origin: string | undefined;
  serverLogLevel: string;
  serverNodeArgs: string[];
  serverWorkers: number;
  keepData: boolean;
  json: boolean;
  help: boolean;
  /** --compare: Latchkey and Better Auth side by side, fixed ceremony counts. */
  compare: boolean;
  /** --compare: measured ceremonies per phase. */
  logins: number;
  signups: number;
  sessionChecks: number;
  peerNodeArgs: string[];
  /** --compare: where the JSON and Markdown results go ('' = nowhere). */
  resultsDir: string;
}

export const usage = `Usage: npm run bench -- [options]           (the compare mode: --compare is set)
       npm run bench:logins -- [options]    (the logins-only mode)
       node --import tsx bench/passkey-logins.ts [options]

Drives full passkey logins (login/start, the software authenticator, login/finish) against
Latchkey's Backend API with closed-loop virtual clients and prints logins per second and
p50/p99 latency per ceremony, plus the crypto ceiling of this machine. Without --url it
starts a real \`latchkey start\` child on a fresh SQLite directory and/or PostgreSQL schema.
Progress goes to stderr, results to stdout.

Modes:
  (default)                 logins only: timed phases against Latchkey (below)
  --compare                 Latchkey and Better Auth (bench/peers/better-auth) side by side
                            on each database: sign-up with a passkey, full passkey login with
                            a session issued, and session checks, at each --concurrency, a
                            fixed number of ceremonies per phase, alternating which server
                            goes first; prints throughput, p50/p95/p99, server peak RSS and the
                            Latchkey / Better Auth ratio, plus the crypto ceiling, and writes
                            compare-latest.json and .md to --results-dir (--duration,
                            --warmup, --users, --client-workers, --sign-passkey-data and
                            --server-workers apply to the default mode only)

Options:
  --database <which>        sqlite, postgres or both (default: both when a PostgreSQL URL
                            is known, else sqlite)
  --postgres-url <url>      PostgreSQL to create a fresh schema in (default: env
                            LATCHKEY_TEST_DATABASE_URL); the schema is dropped afterwards
  --concurrency <list>      comma-separated client counts, one phase each (default 16,64)
  --duration <time>         measured time per phase: 10s, 500ms, 1m (default 10s)
  --warmup <time>           unmeasured time before each phase (default 2s)
  --users <n>               users, each with one passkey (default 8 × the largest
                            concurrency); a user is never in two ceremonies at once
  --client-workers <n>      run the clients in n worker threads (default 0: this thread)
  --sign-passkey-data <b>   true or false: ask login/finish for signedPasskeyData (default true)
  --signature-algorithm <a> signature algorithm for the crypto ceiling (default: the
                            server's default session-signature algorithm)
  --crypto-duration <time>  time per crypto measurement; 0 skips it (default 1s)
  --url <url>               benchmark this running server (needs --project-id, --api-secret)
  --project-id <id>         with --url (env LATCHKEY_BENCH_PROJECT_ID)
  --api-secret <secret>     with --url (env LATCHKEY_BENCH_API_SECRET)
  --origin <origin>         with --url: an origin of the project (default: --url with a
                            loopback address replaced by localhost)
  --server-log-level <lvl>  the started server's LATCHKEY_LOG_LEVEL (default info)
  --server-workers <n>      the started server's --workers: processes sharing the port
                            (default 1; the CPU columns add up all of them)
  --server-node-args <args> extra node flags for the started server, space-separated, e.g.
                            (use the = form) --server-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"
  --keep-data               keep the server's data directory (and its server.log)
  --json                    print the results as one JSON document
  --logins <n>              --compare: measured logins per phase (default 1500)
  --signups <n>             --compare: measured sign-ups per phase (default 300)
  --session-checks <n>      --compare: measured session checks per phase (default 4000)
  --peer-node-args <args>   --compare: extra node flags for the Better Auth server
  --results-dir <dir>       --compare: where to write the results (default bench/results;
                            "" writes none)
  -h, --help                show this help
`;

/** Parses "10s", "500ms", "1m" or a bare number of seconds into milliseconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!match) throw new Error(`${flag}: "${value}" is not a duration like 10s, 500ms or 1m`);
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  return Math.round(unit === 'ms' ? amount : unit === 's' ? amount * 1000 : amount * 60_000);
}

function parseCount(value: string, flag: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new Error(`${flag}: "${value}" must be a whole number ≥ ${min}`);
  }
  return Number(value);
}

/**
 * Reads the command line.
 * @throws Error naming the flag when a value is not valid
 */
export function parseOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  defaultSignatureAlgorithm: string,
): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      database: { type: 'string' },
      'postgres-url': { type: 'string' },
      concurrency: { type: 'string', default: '16,64' },
      duration: { type: 'string', default: '10s' },
      warmup: { type: 'string', default: '2s' },
      users: { type: 'string' },
      'client-workers': { type: 'string', default: '0' },
      'sign-passkey-data': { type: 'string', default: 'true' },
      'signature-algorithm': { type: 'string', default: defaultSignatureAlgorithm },
      'crypto-duration': { type: 'string', default: '1s' },
      url: { type: 'string' },
      'project-id': { type: 'string' },
      'api-secret': { type: 'string' },
      origin: { type: 'string' },
      'server-log-level': { type: 'string', default: 'info' },
      'server-node-args': { type: 'string', default: '' },
      'server-workers': { type: 'string', default: '1' },
      'keep-data': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      compare: { type: 'boolean', default: false },
      logins: { type: 'string', default: '1500' },
      signups: { type: 'string', default: '300' },
      'session-checks': { type: 'string', default: '4000' },
      'peer-node-args': { type: 'string', default: '' },
      'results-dir': { type: 'string', default: 'bench/results' },
    },
  });
  const postgresUrl = values['postgres-url'] ?? (env.LATCHKEY_TEST_DATABASE_URL || undefined);
  const database = values.database ?? (postgresUrl ? 'both' : 'sqlite');
  if (!['sqlite', 'postgres', 'both'].includes(database)) {
    throw new Error(`--database: "${database}" must be sqlite, postgres or both`);
  }
  const databases: DatabaseChoice[] =
    database === 'both' ? ['sqlite', 'postgres'] : [database as DatabaseChoice];
  if (databases.includes('postgres') && !postgresUrl && !values.url) {
    throw new Error('--database postgres needs --postgres-url (or LATCHKEY_TEST_DATABASE_URL)');
  }
  const concurrency = values.concurrency
    .split(',')
    .map((part) => parseCount(part.trim(), '--concurrency', 1));
  const sign = values['sign-passkey-data'];
  if (sign !== 'true' && sign !== 'false') {
    throw new Error(`--sign-passkey-data: "${sign}" must be true or false`);
  }
  const url = values.url;
  const projectId = values['project-id'] ?? env.LATCHKEY_BENCH_PROJECT_ID;
  const apiSecret = values['api-secret'] ?? env.LATCHKEY_BENCH_API_SECRET;
  if (url && (!projectId || !apiSecret)) {
    throw new Error(
      '--url needs --project-id and --api-secret (or LATCHKEY_BENCH_PROJECT_ID / LATCHKEY_BENCH_API_SECRET)',
    );
  }
  if (values.compare && url) throw new Error('--compare starts its own servers: drop --url');
  let origin = values.origin;
  if (url && !origin) {
    const parsed = new URL(url);
    if (parsed.hostname === '127.0.0.1' || parsed.hostname === '[::1]')
      parsed.hostname = 'localhost';
    origin = parsed.origin;
  }
  const maxConcurrency = Math.max(...concurrency);
  const users =
    values.users === undefined ? maxConcurrency * 8 : parseCount(values.users, '--users', 1);
  if (users < maxConcurrency) {
    throw new Error(`--users: ${users} is fewer than the ${maxConcurrency} concurrent clients`);
  }
  return {
    databases: url ? [] : databases,
    postgresUrl,
    concurrency,
    durationMs: parseDuration(values.duration, '--duration'),
    warmupMs: parseDuration(values.warmup, '--warmup'),
    users,
    clientWorkers: parseCount(values['client-workers'], '--client-workers', 0),
    signPasskeyData: sign === 'true',
    signatureAlgorithm: values['signature-algorithm'],
    cryptoMs: parseDuration(values['crypto-duration'], '--crypto-duration'),
    url,
    projectId,
    apiSecret,
    origin,
    serverLogLevel: values['server-log-level'],
    serverNodeArgs: values['server-node-args'].split(' ').filter((arg) => arg !== ''),
    serverWorkers: parseCount(values['server-workers'], '--server-workers', 1),
    keepData: values['keep-data'],
    json: values.json,
    help: values.help,
    compare: values.compare,
    logins: parseCount(values.logins, '--logins', 1),
    signups: parseCount(values.signups, '--signups', 1),
    sessionChecks: parseCount(values['session-checks'], '--session-checks', 1),
    peerNodeArgs: values['peer-node-args'].split(' ').filter((arg) => arg !== ''),
    resultsDir: values['results-dir'],
  };
}
