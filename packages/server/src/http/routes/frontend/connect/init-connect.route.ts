import { Type } from 'typebox';
import { conditionalUiChallenge } from '../../../../core/connect/connect-login.js';
import {
  type ConnectProcessKind,
  initConnectProcess,
} from '../../../../core/connect/connect-process.js';
import { frontendApiUrlOf } from '../../../../core/sessions/frontend-api-url.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { FrontendClientInformation } from '../frontend.schema.js';
import { clientInformationOf, connectDepsOf, Flags } from './connect.schema.js';

const operations = {
  login: { operationId: 'ConnectLoginInit', allowed: 'loginAllowed', processField: 'token' },
  append: { operationId: 'ConnectAppendInit', allowed: 'appendAllowed', processField: 'processID' },
  manage: { operationId: 'ConnectManageInit', allowed: 'manageAllowed', processField: 'processID' },
} as const;

/**
 * POST /v2/connect/{login,append,manage}/init: starts a Connect process and answers its token
 * (`token` for login, `processID` otherwise; the client sends it back in
 * `X-Corbado-Process-ID`), when it expires (Unix seconds), the Frontend API URL, whether this
 * client can use passkeys for it, and (login, with autofill) a conditional-UI challenge.
 */
function initConnectRoute(kind: ConnectProcessKind): RouteModule {
  const operation = operations[kind];
  return (app, context) => {
    app.post(
      `/connect/${kind}/init`,
      {
        schema: {
          operationId: operation.operationId,
          tags: ['Frontend API'],
          summary: `Start a Connect ${kind} process`,
          body: Type.Object({
            clientInformation: FrontendClientInformation,
            // An object of strings, checked in core so that the error names the flag.
            flags: Type.Object({}, { additionalProperties: true }),
            invitationToken: Type.Optional(Type.String({ maxLength: 256 })),
          }),
          response: withErrors({
            200: Type.Object({
              token: Type.Optional(Type.String()),
              processID: Type.Optional(Type.String()),
              expiresAt: Type.Integer(),
              frontendApiUrl: Type.String(),
              loginAllowed: Type.Optional(Type.Boolean()),
              appendAllowed: Type.Optional(Type.Boolean()),
              manageAllowed: Type.Optional(Type.Boolean()),
              conditionalUIChallenge: Type.Optional(Type.String()),
              flags: Flags,
            }),
          }),
        },
      },
      async (request) => {
        const project = request.frontendProject;
        const deps = connectDepsOf(context);
        const result = await initConnectProcess(deps, project, {
          kind,
          clientInformation: clientInformationOf(request, request.body.clientInformation),
          flags: request.body.flags,
          clientAddress: request.ip,
        });
        const challenge =
          kind === 'login' && result.allowed
            ? await conditionalUiChallenge(deps, project, result.process)
            : undefined;
        return {
          [operation.processField]: result.token,
          expiresAt: Math.floor(result.process.expiresAt / 1000),
          frontendApiUrl: frontendApiUrlOf(project, context.publicUrl),
          [operation.allowed]: result.allowed,
          ...(challenge !== undefined && { conditionalUIChallenge: challenge }),
          flags: {},
        };
      },
    );
  };
}

/** POST /v2/connect/login/init (ConnectLoginInit). */
export const connectLoginInitRoute = initConnectRoute('login');
/** POST /v2/connect/append/init (ConnectAppendInit). */
export const connectAppendInitRoute = initConnectRoute('append');
/** POST /v2/connect/manage/init (ConnectManageInit). */
export const connectManageInitRoute = initConnectRoute('manage');
