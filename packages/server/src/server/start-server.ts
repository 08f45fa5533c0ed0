import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type Config, resolvePublicUrl } from '../config/config.js';
import { systemClock } from '../core/clock.js';
import type { CoreDeps } from '../core/deps.js';
import { createJanitor, type Janitor } from '../core/janitor/janitor.js';
import { loadMasterKey } from '../core/keys/master-key.js';
import { createMessaging } from '../core/messages/create-messaging.js';
import { loadAaguidCatalog } from '../core/passkeys/load-aaguid-catalog.js';
import type { PasskeyDeps } from '../core/passkeys/passkey-deps.js';
import {
  type DefaultProject,
  ensureDefaultProject,
} from '../core/projects/ensure-default-project.js';
import { cryptoRandom } from '../core/random.js';
import { createRateLimiter } from '../core/rate-limit/rate-limiter.js';
import { connectRedisCounters, type RedisCounters } from '../core/rate-limit/redis-counters.js';
import {
  createWebhookDispatcher,
  type WebhookDispatcher,
} from '../core/webhooks/webhook-dispatcher.js';
import { buildApp } from '../http/app.js';
import { createMetrics } from '../http/plugins/metrics.plugin.js';
import type { TypedApp } from '../http/route-context.js';
import { buildUserstoreApp, type UserstoreApp } from '../http/userstore/userstore-app.js';
import { type DatabaseHandle, pingDatabase } from '../store/database.js';
import { migrateToLatest, pendingMigrations } from '../store/migrate.js';
import { createCryptoWorkerPool } from './crypto-worker-pool.js';
import { ListenError, PendingMigrationsError, RedisUnavailableError } from './start-errors.js';
import { ensureDevClientCertificate, resolveUserstoreTls } from './userstore-tls.js';

export { ListenError, PendingMigrationsError };

export interface RunningServer {
  app: TypedApp;
  /** Where the server listens, e.g. http://127.0.0.1:8080. */
  listenUrl: string;
  /** The origin clients use (LATCHKEY_PUBLIC_URL or derived). */
  publicUrl: string;
  metricsUrl: string | undefined;
  /** The User store API (mutual TLS). */
  userstore: RunningUserstore;
  defaultProject: DefaultProject;
  migrationsApplied: string[];
  /** Stops accepting, drains in-flight requests, stops the janitor, closes the database. */
  close(): Promise<void>;
}

/** Where the User store listener is and which files a curl needs to reach it. */
export interface RunningUserstore {
  /** e.g. https://localhost:8443 */
  url: string;
  /** The CA that signed the server certificate (the dev CA), for `--cacert`. */
  caPath: string | undefined;
  /** The default project's dev client certificate and key; undefined with own certificates. */
  clientCertPath: string | undefined;
  clientKeyPath: string | undefined;
}

/**
 * The composition root: migrates, builds the app, listens, creates the default project on
 * the first start, and starts the janitor and the metrics listener. On failure everything it
 * opened is closed again, except the database, which belongs to the caller.
 * @throws PendingMigrationsError, ListenError, or the database's error.
 */
export async function startServer(
  config: Config,
  database: DatabaseHandle,
  logger: Logger,
): Promise<RunningServer> {
  let migrationsApplied: string[] = [];
  if (config.migrate) {
    const report = await migrateToLatest(database.db, {
      onApplied: (name) => logger.info({ migration: name }, 'migration applied'),
    });
    migrationsApplied = report.applied;
  } else {
    const pending = await pendingMigrations(database.db);
    if (pending.length > 0) throw new PendingMigrationsError(pending);
  }

  const deps: CoreDeps = { db: database.db, clock: systemClock, random: cryptoRandom };
  // Before anything else is opened: a Redis that does not answer stops the start cleanly.
  const redisCounters = await connectRedis(config.redisUrl);
  if (redisCounters) logger.info('rate-limit counters in Redis (LATCHKEY_REDIS_URL)');
  // WebAuthn verification and JWS signatures run on worker threads, off the event loop.
  const cryptoPool = createCryptoWorkerPool();
  const passkeys: PasskeyDeps = {
    ...deps,
    masterKey: loadMasterKey(config),
    aaguids: await loadAaguidCatalog(deps),
    verifier: cryptoPool,
    signer: cryptoPool,
  };
  const messaging = createMessaging(config, deps);
  if (messaging.mail.kind === 'dev' || messaging.sms.kind === 'dev') {
    logger.info(
      { mail: messaging.mail.kind, sms: messaging.sms.kind },
      'dev message transport: messages are printed here and kept for `latchkey mails` (set LATCHKEY_SMTP_URL / LATCHKEY_SMS_WEBHOOK_URL to send them)',
    );
  }
  const metrics =
    config.metricsPort === undefined ? undefined : createMetrics({ collectProcessMetrics: true });
  let accepting = true;
  const rateLimiter = createRateLimiter({ ...deps, counters: redisCounters });
  let publicUrl = config.publicUrl ?? resolvePublicUrl(config, config.port);
  const app = await buildApp({
    deps,
    passkeys,
    rateLimiter,
    messaging,
    publicUrl: () => publicUrl,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logger,
    metrics,
    health: { ping: () => pingDatabase(database.db), isAccepting: () => accepting },
  });
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const userstoreTls = await resolveUserstoreTls(config, systemClock.now());
  let userstoreApp: UserstoreApp;
  try {
    userstoreApp = await buildUserstoreApp({
      deps,
      rateLimiter,
      tls: userstoreTls.tls,
      bodyLimitBytes: config.bodyLimitBytes,
      logger,
    });
  } catch (error) {
    await app.close();
    await cryptoPool.close();
    await redisCounters?.close();
    throw error;
  }
  let userstore: RunningUserstore | undefined;
  let port: number;
  let metricsServer: FastifyInstance | undefined;
  let metricsUrl: string | undefined;
  let janitor: Janitor | undefined;
  let webhookDispatcher: WebhookDispatcher | undefined;
  let defaultProject: DefaultProject;
  // A failure from here on must close whatever has been opened (the main listener above
  // all), or the process would keep running without ever having started properly.
  try {
    await listen(app, config.port, config.host, 'LATCHKEY_PORT (--port)', host);
    port = (app.server.address() as { port: number }).port;
    publicUrl = resolvePublicUrl(config, port);

    if (metrics && config.metricsPort !== undefined) {
      metricsServer = Fastify({ logger: false });
      metricsServer.get('/metrics', async (_request, reply) => {
        reply.header('content-type', metrics.registry.contentType);
        return metrics.registry.metrics();
      });
      await listen(
        metricsServer,
        config.metricsPort,
        config.host,
        'LATCHKEY_METRICS_PORT (--metrics-port)',
        host,
      );
      const metricsPort = (metricsServer.server.address() as { port: number }).port;
      metricsUrl = `http://${host}:${metricsPort}/metrics`;
    }

    janitor = createJanitor({
      db: database.db,
      clock: systemClock,
      intervalMs: config.janitorIntervalMs,
      onError: (error) => logger.warn({ err: error }, 'janitor pass failed'),
    });
    janitor.start();
    // Delivers the webhook outbox; every node runs one, rows are leased so none is sent twice.
    webhookDispatcher = createWebhookDispatcher({
      db: database.db,
      clock: systemClock,
      logger,
      pollIntervalMs: 1000,
      concurrency: 8,
    });
    webhookDispatcher.start();

    defaultProject = await ensureDefaultProject(deps, { origin: publicUrl });

    await listen(
      userstoreApp,
      config.userstorePort,
      config.host,
      'LATCHKEY_USERSTORE_PORT (--userstore-port)',
      host,
    );
    const userstorePort = (userstoreApp.server.address() as { port: number }).port;
    const client = userstoreTls.devCaPath
      ? await ensureDevClientCertificate(deps, config.dataDir, defaultProject.project.id)
      : undefined;
    userstore = {
      // The listener's own address (LATCHKEY_PUBLIC_URL is the main listener's).
      url: resolvePublicUrl({ ...config, publicUrl: undefined }, userstorePort).replace(
        /^http:/,
        'https:',
      ),
      caPath: userstoreTls.devCaPath,
      clientCertPath: client?.certPath,
      clientKeyPath: client?.keyPath,
    };
  } catch (error) {
    accepting = false;
    await webhookDispatcher?.stop();
    await janitor?.stop();
    await metricsServer?.close();
    await userstoreApp.close();
    await app.close();
    await cryptoPool.close();
    await redisCounters?.close();
    throw error;
  }

  return {
    app,
    listenUrl: `http://${host}:${port}`,
    publicUrl,
    metricsUrl,
    userstore,
    defaultProject,
    migrationsApplied,
    async close() {
      accepting = false;
      // Closing stops new connections and closes the idle ones, but a keep-alive connection
      // that was busy at that moment stays open after its answer until the client hangs up or
      // the keep-alive timeout (72 s) ends, and the close waits for it. Under load that is
      // every connection, so sweep idle connections until the close is done: each one goes
      // as soon as its last request has been answered.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
      await userstoreApp.close();
      await metricsServer?.close();
      await webhookDispatcher?.stop();
      await janitor?.stop();
      await cryptoPool.close();
      await redisCounters?.close();
      await database.close();
    },
  };
}

/** Listens, turning a bind failure into a ListenError that names the setting. */
async function listen(
  server: Pick<FastifyInstance, 'listen'>,
  port: number,
  host: string,
  setting: string,
  displayHost: string,
): Promise<void> {
  try {
    await server.listen({ port, host });
  } catch (error) {
    throw new ListenError(setting, displayHost, port, error);
  }
}

/**
 * The Redis counters when LATCHKEY_REDIS_URL is set (checked with a PING); undefined keeps the
 * counters in the database.
 * @throws RedisUnavailableError naming the setting.
 */
async function connectRedis(url: string | undefined): Promise<RedisCounters | undefined> {
  if (url === undefined) return undefined;
  try {
    return await connectRedisCounters(url);
  } catch (error) {
    throw new RedisUnavailableError(url, error);
  }
}
