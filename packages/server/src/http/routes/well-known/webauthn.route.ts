import { Type } from 'typebox';
import { relatedOriginsForHost } from '../../../core/passkeys/related-origins.js';
import type { RouteContext, TypedApp } from '../../route-context.js';
import { withErrors } from '../../schemas/common.schema.js';

/**
 * GET /.well-known/webauthn: the related origins of the RP ID named by the Host
 * (WebAuthn L3 §5.11.1). No auth: browsers fetch it without credentials.
 */
export function webauthnWellKnownRoute(app: TypedApp, { deps }: Pick<RouteContext, 'deps'>) {
  app.get(
    '/.well-known/webauthn',
    {
      schema: {
        tags: ['Operations'],
        summary: 'WebAuthn related origins of the RP ID this host serves',
        description:
          'The origins that may use the RP ID equal to the request host (or of the only project), as WebAuthn Level 3 related origin requests read it.',
        response: withErrors({ 200: Type.Object({ origins: Type.Array(Type.String()) }) }),
      },
    },
    async (request, reply) => {
      const document = await relatedOriginsForHost(deps, request.hostname);
      // Browsers fetch this on a ceremony from a related origin; a short cache spares the
      // database without keeping a changed list out for long.
      reply.header('cache-control', 'public, max-age=300');
      return document;
    },
  );
}
