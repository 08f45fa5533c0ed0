import { Type } from 'typebox';
import { listSessionKeys } from '../../../core/sessions/list-session-keys.js';
import { projectOfRequest } from '../../frontend-project.js';
import type { RouteContext, TypedApp } from '../../route-context.js';
import { withErrors } from '../../schemas/common.schema.js';

/** A public JWK (RFC 7517): the members of its key type pass through. */
const Jwk = Type.Object(
  {
    kty: Type.String(),
    kid: Type.String(),
    alg: Type.String(),
    use: Type.String(),
  },
  { additionalProperties: true },
);

/**
 * How long verifiers may cache the set. Corbado's SDKs cache for 10 minutes and refetch on
 * an unknown `kid`; a retiring key stays in the set for its whole overlap (24 h by default),
 * so a cached copy never lacks a key that signed a live token.
 */
const maxAgeSeconds = 300;

/**
 * GET /.well-known/jwks and /.well-known/jwks.json: the project's session-token keys
 * (RFC 7517 §5), for `@corbado/node-sdk` (`${frontendAPI}/.well-known/jwks`) and any JOSE
 * library. The project comes from `X-Corbado-ProjectID`, a `pro-…` subdomain, or is the only one.
 */
export function jwksRoutes(app: TypedApp, { passkeys }: Pick<RouteContext, 'passkeys'>) {
  for (const url of ['/.well-known/jwks', '/.well-known/jwks.json']) {
    app.get(
      url,
      {
        schema: {
          tags: ['Sessions'],
          summary: 'Public keys that verify the project’s session tokens (JWKS)',
          description:
            'The active session key and, during a rotation overlap, the previous one. Choose the project with the X-Corbado-ProjectID header or a pro-… subdomain.',
          response: withErrors({ 200: Type.Object({ keys: Type.Array(Jwk) }) }),
        },
      },
      async (request, reply) => {
        const project = await projectOfRequest(passkeys, request);
        const keys = await listSessionKeys(passkeys, project);
        reply.header('cache-control', `public, max-age=${maxAgeSeconds}`);
        reply.header('vary', 'X-Corbado-ProjectID, Host');
        return { keys };
      },
    );
  }
}
