import formBody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { registerErrorHandler } from './error-handler.js';
import { type Metrics, registerMetricsHooks } from './plugins/metrics.plugin.js';
import { registerNotFoundHandler } from './plugins/not-found.plugin.js';
import { registerOpenApi } from './plugins/openapi.plugin.js';
import { generateRequestId } from './request-id.js';
import type { RouteContext, TypedApp } from './route-context.js';
import { registerBackendApi } from './routes/backend/index.js';
import { type HealthOptions, registerHealthRoute } from './routes/health.route.js';

export interface BuildAppOptions extends RouteContext {
  /** The origin clients reach this server at (known only after listen when the port is 0). */
  publicUrl: () => string;
  /** Largest request body accepted, in bytes (larger bodies get 413). */
  bodyLimitBytes: number;
  /** Which proxies may set `X-Forwarded-*` (see config). */
  trustProxy: boolean | number | string[];
  logger?: FastifyBaseLogger | undefined;
  metrics?: Metrics | undefined;
  health: HealthOptions;
}

/** Builds the HTTP application. It never listens: tests use `app.inject`, start.ts listens. */
export async function buildApp(options: BuildAppOptions): Promise<TypedApp> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimitBytes,
    // Fastify accepts a hop count at run time; its types omit it.
    trustProxy: options.trustProxy as boolean | string[],
    genReqId: generateRequestId,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Load balancers poll /health constantly; those lines would drown everything else.
      disableRequestLogging: (request) => request.url === '/health',
    }),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: {
      customOptions: {
        // Unknown body properties are dropped rather than stored; values are never coerced
        // into a different meaning beyond what form bodies need (strings to scalars).
        removeAdditional: true,
        coerceTypes: 'array',
        allErrors: false,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as TypedApp;

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandler(app);
  registerNotFoundHandler(app);
  if (options.metrics) registerMetricsHooks(app, options.metrics);
  // Bodies are JSON or form-encoded (DESIGN.md); anything else is a 415, not a string.
  app.removeContentTypeParser('text/plain');
  await app.register(formBody, { bodyLimit: options.bodyLimitBytes });
  await registerOpenApi(app, options.publicUrl);

  registerHealthRoute(app, options.health);
  await registerBackendApi(app as unknown as FastifyInstance, options);
  return app;
}
