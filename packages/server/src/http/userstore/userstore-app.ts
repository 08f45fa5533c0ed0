import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { generateRequestId } from '../request-id.js';
import { routerOptions } from '../router-options.js';
import { registerUserstoreRoutes, type UserstoreContext } from './users.routes.js';
import { registerUserstoreAuth } from './userstore-auth.js';
import { registerUserstoreErrors } from './userstore-errors.js';

/** The User store listener's Fastify instance: HTTPS, TypeBox route types. */
export type UserstoreApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** PEM material of the listener: its certificate and key, and the CA clients must chain to. */
export interface UserstoreTls {
  cert: string;
  key: string;
  ca: string;
}

export interface BuildUserstoreAppOptions extends UserstoreContext {
  tls: UserstoreTls;
  bodyLimitBytes: number;
  logger?: FastifyBaseLogger | undefined;
}

/**
 * Builds the User store API on its own HTTPS server. The handshake requires a client
 * certificate that chains to the configured CA (`requestCert` + `rejectUnauthorized`), so
 * a client without one, or with one from another CA, never gets to send HTTP. It never
 * listens: start-server.ts and tests do.
 */
export async function buildUserstoreApp(options: BuildUserstoreAppOptions): Promise<UserstoreApp> {
  const app = Fastify({
    https: {
      cert: options.tls.cert,
      key: options.tls.key,
      ca: options.tls.ca,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimitBytes,
    genReqId: generateRequestId,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: true,
    }),
    return503OnClosing: true,
    routerOptions,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as UserstoreApp;

  // Strict validation: a string where a boolean belongs is a 400, never coerced.
  const ajv = new Ajv({ removeAdditional: true, useDefaults: true, strict: false });
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema as object));
  const untyped = app as unknown as FastifyInstance;
  registerUserstoreErrors(untyped);
  // Every body is read as JSON whatever its Content-Type (curl -d sends a form type); an
  // empty body is no body.
  const parseJson = untyped.getDefaultJsonParser('error', 'error');
  untyped.removeAllContentTypeParsers();
  untyped.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        projectId: request.userstoreProjectId || undefined,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'userstore request completed',
    );
  });
  registerUserstoreAuth(untyped, options.deps);
  registerUserstoreRoutes(app, options);
  return app;
}
