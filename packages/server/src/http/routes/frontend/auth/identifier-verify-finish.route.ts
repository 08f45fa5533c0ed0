import { Type } from 'typebox';
import { runProcessStep } from '../../../../core/process/run-process-step.js';
import { verifyEmailLinkElsewhere } from '../../../../core/process/verify-email-link-elsewhere.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  LoginIdentifierType,
  ProcessResponse,
  processDepsOf,
  processTokenOf,
  stepRequestOf,
  toProcessResponse,
  VerificationMethod,
} from './process-response.js';

/**
 * POST /v2/auth/identifier/verify/finish (IdentifierVerifyFinish): checks the code. Without a
 * process token, an email link's `<challengeID>.<code>` verifies the process that waits for
 * it on another device (`continueOnOtherDevice`).
 */
export const identifierVerifyFinishRoute: RouteModule = (app, context) => {
  app.post(
    '/auth/identifier/verify/finish',
    {
      schema: {
        operationId: 'IdentifierVerifyFinish',
        tags: ['Frontend API'],
        summary: 'Check a verification code',
        body: Type.Object({
          code: Type.String({ maxLength: 256 }),
          identifierType: LoginIdentifierType,
          verificationType: VerificationMethod,
          isNewDevice: Type.Boolean(),
        }),
        response: withErrors({ 200: ProcessResponse }),
      },
    },
    async (request, reply) => {
      const deps = processDepsOf(context);
      const token = processTokenOf(request);
      const view =
        token === undefined && request.body.verificationType === 'email-link'
          ? await verifyEmailLinkElsewhere(
              deps,
              request.frontendProject,
              { code: request.body.code },
              stepRequestOf(request),
            )
          : await runProcessStep(deps, request.frontendProject, {
              token,
              action: 'identifierVerifyFinish',
              body: request.body,
              request: stepRequestOf(request),
            });
      return toProcessResponse(context, request, reply, view);
    },
  );
};
