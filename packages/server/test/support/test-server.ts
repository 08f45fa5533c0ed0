import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { createFixedClock } from '../../src/core/clock.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { createMessaging } from '../../src/core/messages/create-messaging.js';
import type { Messaging } from '../../src/core/messages/transports.js';
import { builtInAaguids, createAaguidCatalog } from '../../src/core/passkeys/aaguid-catalog.js';
import type { PasskeyDeps } from '../../src/core/passkeys/passkey-deps.js';
import { createProject } from '../../src/core/projects/create-project.js';
import { cryptoRandom } from '../../src/core/random.js';
import { createRateLimiter } from '../../src/core/rate-limit/rate-limiter.js';
import { createApiSecret } from '../../src/core/secrets/create-api-secret.js';
import { buildApp } from '../../src/http/app.js';
import { createMetrics, type Metrics } from '../../src/http/plugins/metrics.plugin.js';
import type { TypedApp } from '../../src/http/route-context.js';
import { pingDatabase } from '../../src/store/database.js';
import type { ProjectRecord } from '../../src/store/project.store.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';

export interface TestServer {
  app: TypedApp;
  database: TestDatabase;
  deps: CoreDeps;
  /** The deps the passkey ceremonies use (random master key, built-in AAGUID names). */
  passkeys: PasskeyDeps;
  clock: ReturnType<typeof createFixedClock>;
  metrics: Metrics;
  project: ProjectRecord;
  apiSecret: string;
  /** `Authorization` header value for the project's API secret. */
  authorization: string;
  /** Creates another project with its own secret (for cross-project checks). */
  createProject(
    name?: string,
  ): Promise<{ project: ProjectRecord; apiSecret: string; authorization: string }>;
  /**
   * Starts listening on a free port of 127.0.0.1 (for clients that need a real socket, such
   * as Corbado's SDKs) and returns the origin, e.g. `http://127.0.0.1:54321`. `close()` stops it.
   */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export interface TestServerOptions {
  bodyLimitBytes?: number;
  trustProxy?: boolean | number | string[];
  /** Start time of the fixed clock; default 2026-01-01T00:00:00Z. */
  startMs?: number;
  /**
   * Mail and SMS transports, given the test's deps; default the dev transports (dev outbox
   * table), printing nothing.
   */
  messaging?: (deps: CoreDeps) => Messaging;
  /** Builds the hosted pages' web bundle; default `@latchkey/web`'s buildWebBundle(). */
  webBundle?: () => Promise<string | Uint8Array>;
  /** The server's public origin; default http://localhost:8080. */
  publicUrl?: () => string;
}

/**
 * The real app (built, not listening: use `app.inject`) on a fresh, migrated database of the
 * given kind, with a fixed clock and one project plus API secret.
 */
export async function createTestServer(
  kind: DatabaseKind,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const clock = createFixedClock(options.startMs ?? Date.UTC(2026, 0, 1));
  const deps: CoreDeps = { db: database.handle.db, clock, random: cryptoRandom };
  const passkeys: PasskeyDeps = {
    ...deps,
    masterKey: randomBytes(32),
    aaguids: createAaguidCatalog({ builtIn: builtInAaguids() }),
  };
  const metrics = createMetrics();
  const app = await buildApp({
    deps,
    passkeys,
    rateLimiter: createRateLimiter(deps),
    messaging: options.messaging?.(deps) ?? createMessaging({}, deps, null),
    publicUrl: options.publicUrl ?? (() => 'http://localhost:8080'),
    webBundle: options.webBundle,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: options.trustProxy ?? false,
    metrics,
    health: { ping: () => pingDatabase(database.handle.db), isAccepting: () => true },
  });
  await app.ready();
  const makeProject = async (name = 'Test project') => {
    const project = await createProject(deps, { name, origins: ['http://localhost:8080'] });
    const secret = await createApiSecret(deps, project.id);
    return {
      project,
      apiSecret: secret.apiSecret,
      authorization: basicAuth(project.id, secret.apiSecret),
    };
  };
  const first = await makeProject();
  return {
    app,
    database,
    deps,
    passkeys,
    clock,
    metrics,
    ...first,
    createProject: makeProject,
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('not listening on TCP');
      return `http://127.0.0.1:${address.port}`;
    },
    async close() {
      await app.close();
      await database.cleanup();
    },
  };
}

/** Parses a JSON response body. */
export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

/** A list query's value(s): `filter[]` and `sort` repeat, numbers are sent as text. */
export type Query = Record<string, string | number | Array<string | number>>;

/** Builds a query string the way Corbado's SDKs do: `filter[]` repeated, values encoded. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
