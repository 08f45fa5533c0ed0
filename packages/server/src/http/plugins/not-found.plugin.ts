import type { FastifyInstance, HTTPMethods } from 'fastify';
import FindMyWay from 'find-my-way';
import { LatchkeyError } from '../../core/errors.js';
import { sendError } from '../error-handler.js';
import { routerOptions } from '../router-options.js';

/**
 * Answers unknown routes with 404 and known paths with the wrong method with 405 and an
 * `Allow` header, both in the error envelope. Fastify itself only knows 404, so every
 * registered route is mirrored into a router that can be asked "which methods exist here?".
 */
export function registerNotFoundHandler(app: FastifyInstance): void {
  // Reads paths like the app's router, but without a parameter length limit: a path the
  // app's router turned away as too long never gets here, and for any other path only
  // "which methods exist" matters.
  const router = FindMyWay({
    ignoreTrailingSlash: routerOptions.ignoreTrailingSlash,
    maxParamLength: Number.MAX_SAFE_INTEGER,
  });
  const methodsByRoute = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const key = route.url;
      let known = methodsByRoute.get(key);
      if (!known) {
        known = new Set();
        methodsByRoute.set(key, known);
        router.on('GET', key, () => {}, { routeKey: key });
      }
      known.add(method.toUpperCase());
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const match = router.find('GET', path);
    const routeKey = (match?.store as { routeKey?: string } | undefined)?.routeKey;
    const allowed = routeKey ? methodsByRoute.get(routeKey) : undefined;
    if (allowed && !allowed.has(request.method as HTTPMethods)) {
      reply.header('allow', [...allowed].sort().join(', '));
      return sendError(
        request,
        reply,
        new LatchkeyError('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}`),
      );
    }
    return sendError(
      request,
      reply,
      new LatchkeyError('ROUTE_NOT_FOUND', `no route ${request.method} ${path}`),
    );
  });
}
