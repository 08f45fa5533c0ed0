import { Type } from 'typebox';
import {
  deleteConnectPasskey,
  listConnectPasskeys,
} from '../../../../core/connect/connect-manage.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { toWireCredential } from '../../backend/credentials/credential.schema.js';
import { FrontendPasskey } from '../frontend.schema.js';
import { connectDepsOf, processTokenOf } from './connect.schema.js';

/** POST /v2/connect/manage/list (ConnectManageList): the passkeys of the token's user. */
export const connectManageListRoute: RouteModule = (app, context) => {
  app.post(
    '/connect/manage/list',
    {
      schema: {
        operationId: 'ConnectManageList',
        tags: ['Frontend API'],
        summary: "List the passkeys of a connect token's user",
        body: Type.Object({ connectToken: Type.String() }),
        response: withErrors({ 200: Type.Object({ passkeys: Type.Array(FrontendPasskey) }) }),
      },
    },
    async (request) => {
      const passkeys = await listConnectPasskeys(connectDepsOf(context), request.frontendProject, {
        processToken: processTokenOf(request),
        connectToken: request.body.connectToken,
      });
      return { passkeys: passkeys.map(toWireCredential) };
    },
  );
};

/** POST /v2/connect/manage/delete (ConnectManageDelete): deletes one of its passkeys. */
export const connectManageDeleteRoute: RouteModule = (app, context) => {
  app.post(
    '/connect/manage/delete',
    {
      schema: {
        operationId: 'ConnectManageDelete',
        tags: ['Frontend API'],
        summary: "Delete a passkey of a connect token's user",
        body: Type.Object({ connectToken: Type.String(), credentialID: Type.String() }),
        response: withErrors({ 200: Type.Object({ credentialID: Type.String() }) }),
      },
    },
    async (request) => ({
      credentialID: await deleteConnectPasskey(connectDepsOf(context), request.frontendProject, {
        processToken: processTokenOf(request),
        ...request.body,
      }),
    }),
  );
};
