import { Type } from 'typebox';
import { initProcess } from '../../../../core/process/init-process.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { FrontendClientInformation } from '../frontend.schema.js';
import {
  ProcessResponse,
  processDepsOf,
  stepRequestOf,
  toProcessResponse,
} from './process-response.js';

/**
 * POST /v2/auth/process/init (ProcessInit): a new process. `expiresAt` is in Unix seconds,
 * like every `expires` of the Corbado APIs.
 */
export const processInitRoute: RouteModule = (app, context) => {
  app.post(
    '/auth/process/init',
    {
      schema: {
        operationId: 'ProcessInit',
        tags: ['Frontend API'],
        summary: 'Start a sign-up or login process',
        body: Type.Object({
          clientInformation: FrontendClientInformation,
          passkeyAppendShown: Type.Optional(Type.Integer()),
          optOutOfPasskeyAppendAfterHybrid: Type.Optional(Type.Boolean()),
          preferredBlock: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: withErrors({
          200: Type.Object({
            token: Type.String(),
            expiresAt: Type.Integer(),
            processResponse: ProcessResponse,
          }),
        }),
      },
    },
    async (request, reply) => {
      const started = await initProcess(
        processDepsOf(context),
        request.frontendProject,
        {
          clientInformation: request.body.clientInformation,
          preferredBlock: request.body.preferredBlock,
        },
        stepRequestOf(request),
      );
      return {
        token: started.token,
        expiresAt: Math.floor(started.expiresAt / 1000),
        processResponse: toProcessResponse(context, request, reply, started),
      };
    },
  );
};
