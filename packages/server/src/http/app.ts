import formBody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { createMessaging } from '../core/messages/create-messaging.js';
import type { Messaging } from '../core/messages/transports.js';
import { registerErrorHandler, sendFrameworkError } from './error-handler.js';
import { parseFormBody } from './form-body.js';
import { loadDefaultWebBundle } from './hosted/default-web-bundle.js';
import { registerHostedPages, type WebBundleLoader } from './hosted/hosted-pages.js';
import { type Metrics, registerMetricsHooks } from './plugins/metrics.plugin.js';
import { registerNotFoundHandler } from './plugins/not-found.plugin.js';
import { registerOpenApi } from './plugins/openapi.plugin.js';
import { generateRequestId } from './request-id.js';
import type { RouteContext, TypedApp } from './route-context.js';
import { routerOptions } from './router-options.js';
import { registerBackendApi } from './routes/backend/index.js';
import { registerFrontendApi } from './routes/frontend/index.js';
import { type HealthOptions, registerHealthRoute } from './routes/health.route.js';
import { registerWellKnownRoutes } from './routes/well-known/index.js';
import { createValidatorCompiler } from './validator-compiler.js';

export interface BuildAppOptions extends Omit<RouteContext, 'messaging'> {
  /** Mail and SMS transports; default the dev transports (terminal and dev outbox). */
  messaging?: Messaging | undefined;
  /** The origin clients reach this server at (known only after listen when the port is 0). */
  publicUrl: () => string;
  /** Largest request body accepted, in bytes (larger bodies get 413). */
  bodyLimitBytes: number;
  /** Which proxies may set `X-Forwarded-*` (see config). */
  trustProxy: boolean | number | string[];
  logger?: FastifyBaseLogger | undefined;
  metrics?: Metrics | undefined;
  health: HealthOptions;
  /** Builds the browser bundle the hosted pages load; default `@latchkey/web`'s buildWebBundle(). */
  webBundle?: WebBundleLoader | undefined;
}

/** Methods whose requests carry no body in these APIs. */
const bodylessMethods = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * Fastify's JSON parser (same prototype-poisoning protection), except that an empty body on
 * a method without a body is no body: HTTP clients that set `Content-Type: application/json`
 * on every request must still be able to DELETE. An empty body on POST or PATCH stays a 400.
 */
function registerJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' as const },
    (request, body: string, done) => {
      if (body === '' && bodylessMethods.has(request.method)) {
        done(null, undefined);
        return;
      }
      parseJson(request, body, done);
    },
  );
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
      // Fastify's two lines per request (incoming, completed) are replaced by the one line
      // logged in onResponse below: half the logging cost on the hot path.
      disableRequestLogging: true,
    }),
    return503OnClosing: true,
    routerOptions,
    // Errors the router raises before any route or hook runs (a URL that is not valid
    // percent-encoding, an over-long path parameter) get the error envelope too.
    frameworkErrors: sendFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>() as TypedApp;
  app.setValidatorCompiler(createValidatorCompiler());

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // One line per request, after the response. Load balancers poll /health constantly; those
  // lines would drown everything else.
  app.addHook('onResponse', async (request, reply) => {
    if (request.url === '/health') return;
    request.log.info(
      {
        method: request.method,
        url: request.url,
        host: request.host,
        remoteAddress: request.ip,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });
  registerErrorHandler(app);
  registerNotFoundHandler(app);
  if (options.metrics) registerMetricsHooks(app, options.metrics);
  // Bodies are JSON or form-encoded (DESIGN.md); anything else is a 415, not a string.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app as unknown as FastifyInstance);
  await app.register(formBody, { bodyLimit: options.bodyLimitBytes, parser: parseFormBody });
  await registerOpenApi(app, options.publicUrl);

  registerHealthRoute(app, options.health);
  registerWellKnownRoutes(app, options);
  const context = { ...options, messaging: options.messaging ?? createMessaging({}, options.deps) };
  await registerBackendApi(app as unknown as FastifyInstance, context);
  await registerFrontendApi(app as unknown as FastifyInstance, context);
  await registerHostedPages(
    app as unknown as FastifyInstance,
    context,
    options.webBundle ?? loadDefaultWebBundle,
  );
  return app;
}
