import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type Config, resolvePublicUrl } from '../config/config.js';
import { systemClock } from '../core/clock.js';
import type { CoreDeps } from '../core/deps.js';
import { createJanitor, type Janitor } from '../core/janitor/janitor.js';
import {
  type DefaultProject,
  ensureDefaultProject,
} from '../core/projects/ensure-default-project.js';
import { cryptoRandom } from '../core/random.js';
import { createRateLimiter } from '../core/rate-limit/rate-limiter.js';
import { buildApp } from '../http/app.js';
import { createMetrics } from '../http/plugins/metrics.plugin.js';
import type { TypedApp } from '../http/route-context.js';
import { type DatabaseHandle, pingDatabase } from '../store/database.js';
import { migrateToLatest, pendingMigrations } from '../store/migrate.js';

export interface RunningServer {
  app: TypedApp;
  /** Where the server listens, e.g. http://127.0.0.1:8080. */
  listenUrl: string;
  /** The origin clients use (LATCHKEY_PUBLIC_URL or derived). */
  publicUrl: string;
  metricsUrl: string | undefined;
  defaultProject: DefaultProject;
  migrationsApplied: string[];
  /** Stops accepting, drains in-flight requests, stops the janitor, closes the database. */
  close(): Promise<void>;
}

/** Raised when the schema is behind and migrations were switched off. */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `the database needs ${pending.length} migration(s) (${pending.join(', ')}); run "latchkey migrate" or start without --no-migrate`,
    );
    this.name = 'PendingMigrationsError';
  }
}

/**
 * The composition root: migrates, builds the app, listens, creates the default project on
 * the first start, and starts the janitor and the metrics listener.
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
  const metrics =
    config.metricsPort === undefined ? undefined : createMetrics({ collectProcessMetrics: true });
  let accepting = true;
  let publicUrl = config.publicUrl ?? resolvePublicUrl(config, config.port);
  const app = await buildApp({
    deps,
    rateLimiter: createRateLimiter(deps),
    publicUrl: () => publicUrl,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logger,
    metrics,
    health: { ping: () => pingDatabase(database.db), isAccepting: () => accepting },
  });
  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as { port: number }).port;
  publicUrl = resolvePublicUrl(config, port);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let metricsServer: FastifyInstance | undefined;
  let metricsUrl: string | undefined;
  if (metrics && config.metricsPort !== undefined) {
    metricsServer = Fastify({ logger: false });
    metricsServer.get('/metrics', async (_request, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
    await metricsServer.listen({ port: config.metricsPort, host: config.host });
    const metricsPort = (metricsServer.server.address() as { port: number }).port;
    metricsUrl = `http://${host}:${metricsPort}/metrics`;
  }

  const janitor: Janitor = createJanitor({
    db: database.db,
    clock: systemClock,
    intervalMs: config.janitorIntervalMs,
    onError: (error) => logger.warn({ err: error }, 'janitor pass failed'),
  });
  janitor.start();

  const defaultProject = await ensureDefaultProject(deps, { origin: publicUrl });

  return {
    app,
    listenUrl: `http://${host}:${port}`,
    publicUrl,
    metricsUrl,
    defaultProject,
    migrationsApplied,
    async close() {
      accepting = false;
      await app.close();
      await metricsServer?.close();
      await janitor.stop();
      await database.close();
    },
  };
}
