import { Type } from 'typebox';
import { postLogin } from '../../../../core/sessions/post-login.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { sessionDepsOf } from '../../../session-deps.js';

/** backend_api.yml `passkeyPostLoginReq`. */
const PostLoginBody = Type.Object({ signedPasskeyData: Type.String() });

/**
 * backend_api.yml `passkeyPostLoginRsp`: `session` is the session token. `longSession` (not in
 * the spec) is the refresh token, for the customer's backend to hand to an app that
 * refreshes with `Authorization: Bearer` at `POST /v2/me/refresh`.
 */
const PostLoginResponse = Type.Object({
  session: Type.String(),
  longSession: Type.String(),
});

/** POST /v2/passkey/postLogin (PasskeyPostLogin): valid, unused signed passkey data → a session. */
export const postLoginRoute: RouteModule = (app, context) => {
  const deps = sessionDepsOf(context);
  app.post(
    '/passkey/postLogin',
    {
      schema: {
        operationId: 'PasskeyPostLogin',
        tags: ['Passkeys', 'Sessions'],
        summary: 'Turn signedPasskeyData from a passkey login into a session',
        body: PostLoginBody,
        response: withErrors({ 200: PostLoginResponse }),
      },
    },
    async (request) => {
      const issued = await postLogin(deps, request.project, request.body);
      return { session: issued.sessionToken, longSession: issued.refreshToken };
    },
  );
};
