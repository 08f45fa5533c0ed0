import { Type } from 'typebox';
import type { CoreDeps } from '../../core/deps.js';
import { invalidField } from '../../core/errors.js';
import type { RateLimiter } from '../../core/rate-limit/rate-limiter.js';
import { checkStoreUserPassword } from '../../core/userstore/check-store-password.js';
import { createStoreUser } from '../../core/userstore/create-store-user.js';
import { getStoreUser, getStoreUserData } from '../../core/userstore/store-user.js';
import {
  changeStoreUserEmail,
  deleteStoreUser,
  setStoreUserData,
  setStoreUserEnabled,
  setStoreUserPassword,
} from '../../core/userstore/update-store-user.js';
import type { UserstoreApp } from './userstore-app.js';

/** What the User store routes use. */
export interface UserstoreContext {
  deps: CoreDeps;
  rateLimiter: RateLimiter;
}

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
// Lengths are checked in core (8–32 for passwords); the caps here only bound the work.
const Password = Type.String({ maxLength: 1024 });
const Email = Type.String({ maxLength: 320 });

const StoreUser = Type.Object({
  email: Type.Union([Type.String(), Type.Null()]),
  confirmed: Type.Boolean(),
  enabled: Type.Boolean(),
  data: Type.Unknown(),
});

/** Every row of the User store table (DESIGN.md), each mapped to one core call. */
export function registerUserstoreRoutes(
  app: UserstoreApp,
  { deps, rateLimiter }: UserstoreContext,
) {
  // POST /users/ and POST /users: the router ignores trailing slashes.
  app.post(
    '/users/',
    {
      schema: {
        body: Type.Object({
          email: Email,
          password: Password,
          confirmed: Type.Boolean({ default: false }),
          enabled: Type.Boolean({ default: true }),
          data: Type.Optional(Type.Unknown()),
        }),
      },
    },
    async (request, reply) => {
      const { email, password, confirmed, enabled, data } = request.body;
      const user = await createStoreUser(deps, request.userstoreProjectId, {
        email,
        password,
        confirmed,
        enabled,
        data: data ?? null,
      });
      reply.header('x-object-id', user.id).code(201);
      return { id: user.id };
    },
  );

  app.get(
    '/users/:id',
    { schema: { params: IdParams, response: { 200: StoreUser } } },
    async (request) => getStoreUser(deps, request.userstoreProjectId, request.params.id),
  );

  app.delete('/users/:id', { schema: { params: IdParams } }, async (request, reply) => {
    await deleteStoreUser(deps, request.userstoreProjectId, request.params.id);
    return reply.code(204).send();
  });

  app.put(
    '/users/:id/email',
    { schema: { params: IdParams, body: Type.Object({ email: Email }) } },
    async (request, reply) => {
      await changeStoreUserEmail(
        deps,
        request.userstoreProjectId,
        request.params.id,
        request.body.email,
      );
      return reply.code(204).send();
    },
  );

  app.put(
    '/users/:id/password',
    { schema: { params: IdParams, body: Type.Object({ password: Password }) } },
    async (request, reply) => {
      await setStoreUserPassword(
        deps,
        request.userstoreProjectId,
        request.params.id,
        request.body.password,
      );
      return reply.code(204).send();
    },
  );

  for (const [action, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    app.put(`/users/:id/${action}`, { schema: { params: IdParams } }, async (request, reply) => {
      await setStoreUserEnabled(deps, request.userstoreProjectId, request.params.id, enabled);
      return reply.code(204).send();
    });
  }

  app.put('/users/:id/data', { schema: { params: IdParams } }, async (request, reply) => {
    // Any JSON value is data, but there must be one: no body is a 400 naming `data`.
    if (request.body === undefined) {
      throw invalidField('data', 'is required: send any JSON value as the body');
    }
    await setStoreUserData(deps, request.userstoreProjectId, request.params.id, request.body);
    return reply.code(204).send();
  });

  app.get('/users/:id/data', { schema: { params: IdParams } }, async (request, reply) => {
    const data = await getStoreUserData(deps, request.userstoreProjectId, request.params.id);
    // Serialised here: a bare JSON string or null must go out as JSON, not as text.
    return reply.type('application/json').send(JSON.stringify(data));
  });

  app.post(
    '/users/:id/checkpw',
    { schema: { params: IdParams, body: Type.Object({ password: Password }) } },
    async (request) => ({
      result: await checkStoreUserPassword(
        { ...deps, rateLimiter },
        request.userstoreProjectId,
        request.params.id,
        request.body.password,
      ),
    }),
  );
}
