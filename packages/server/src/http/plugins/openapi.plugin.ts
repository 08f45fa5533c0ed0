import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * OpenAPI from the same schemas that validate and serialise: `/openapi.json` and a browsable
 * page at `/docs`. Must be registered before the routes it documents.
 */
export async function registerOpenApi(app: FastifyInstance, publicUrl: () => string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Latchkey',
        description:
          'Passkey-first authentication. The Backend API under /v2 is wire-compatible with the Corbado Backend API v2.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          basicAuth: {
            type: 'http',
            scheme: 'basic',
            description: 'The project ID as user name, an API secret as password',
          },
        },
      },
    },
    transform: ({ schema, url }) => {
      const isBackend = url.startsWith('/v2/') && !/^\/v2\/(auth|me|connect)\b/.test(url);
      if (!isBackend || !schema) return { schema, url };
      return { schema: { ...schema, security: [{ basicAuth: [] }] }, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => {
    const document = app.swagger() as { servers?: { url: string }[] };
    return { ...document, servers: [{ url: publicUrl() }] };
  });
}
