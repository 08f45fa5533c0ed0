import { runProcessStep } from '../../../../core/process/run-process-step.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  ProcessResponse,
  processDepsOf,
  processTokenOf,
  stepRequestOf,
  toProcessResponse,
} from './process-response.js';

/**
 * GET /v2/auth/identifier/verify/status (IdentifierVerifyStatus): the device waiting for an
 * email link polls; once the link was opened elsewhere the process continues here.
 */
export const identifierVerifyStatusRoute: RouteModule = (app, context) => {
  app.get(
    '/auth/identifier/verify/status',
    {
      schema: {
        operationId: 'IdentifierVerifyStatus',
        tags: ['Frontend API'],
        summary: 'Whether the email link was opened on another device',
        response: withErrors({ 200: ProcessResponse }),
      },
    },
    async (request, reply) => {
      const view = await runProcessStep(processDepsOf(context), request.frontendProject, {
        token: processTokenOf(request),
        action: 'identifierVerifyStatus',
        body: {},
        request: stepRequestOf(request),
      });
      return toProcessResponse(context, request, reply, view);
    },
  );
};
