// The peer the benchmark compares Latchkey with (issue 11): Better Auth with its passkey and
// anonymous plugins, on better-sqlite3 or PostgreSQL (pg), as its own process so that its
// memory can be measured on its own. See bench/peers/better-auth/README.md.
//
//   PEER_DATABASE=sqlite PEER_SQLITE_FILE=/tmp/x/auth.db node --import tsx server.ts
//   PEER_DATABASE=postgres PEER_DATABASE_URL=postgres://…?options=-c%20search_path%3Dschema …
//
// Listens on 127.0.0.1 on a free port, creates its tables (Better Auth's own migrations), then
// prints one JSON line `{"listening":"http://127.0.0.1:<port>","origin":"http://localhost:<port>"}`.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { passkey } from '@better-auth/passkey';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { anonymous } from 'better-auth/plugins';
import Database from 'better-sqlite3';
import pg from 'pg';

const which = process.env.PEER_DATABASE ?? 'sqlite';

function openDatabase() {
  if (which === 'postgres') {
    const url = process.env.PEER_DATABASE_URL;
    if (!url) throw new Error('PEER_DATABASE_URL is required with PEER_DATABASE=postgres');
    // pg's default pool size (10), as Better Auth's PostgreSQL example uses it.
    return new pg.Pool({ connectionString: url });
  }
  const file = process.env.PEER_SQLITE_FILE;
  if (!file) throw new Error('PEER_SQLITE_FILE is required with PEER_DATABASE=sqlite');
  const db = new Database(file);
  // The settings every production SQLite deployment uses (Better Auth leaves them to the
  // application); the same ones Latchkey's store sets, so the two differ only in their code.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

const server = http.createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const origin = `http://localhost:${port}`;

const auth = betterAuth({
  appName: 'Latchkey bench peer',
  baseURL: origin,
  // Production: a long random secret from the environment (here: fresh per run).
  secret: process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString('base64'),
  database: openDatabase(),
  trustedOrigins: [origin],
  telemetry: { enabled: false },
  logger: { level: 'error' },
  plugins: [
    // A passkey-first sign-up: a user without a password, then a passkey. (Email and password
    // would add Better Auth's scrypt hashing, which Latchkey's passkey sign-up does not do.)
    anonymous(),
    passkey({ rpID: 'localhost', rpName: 'Latchkey bench peer', origin }),
  ],
  // Better Auth turns its rate limiter on in production with 100 requests per 10 s per IP and
  // path (3 for sign-in paths); the generator is one IP, so the limits are raised out of the
  // way. It stays on and in memory (its default storage), which costs the peer less than a
  // shared store several nodes would need.
  rateLimit: {
    enabled: true,
    window: 60,
    max: 1_000_000_000,
    customRules: {
      '/sign-in/*': { window: 60, max: 1_000_000_000 },
      '/sign-up/*': { window: 60, max: 1_000_000_000 },
    },
  },
});

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

const handler = toNodeHandler(auth);
server.on('request', (request, response) => {
  if (request.url === '/health') {
    response.end('ok');
    return;
  }
  void handler(request, response);
});
server.keepAliveTimeout = 60_000;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${port}`, origin })}\n`);
