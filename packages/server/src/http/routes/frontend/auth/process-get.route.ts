import { Type } from 'typebox';
import { getProcess } from '../../../../core/process/get-process.js';
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
 * GET /v2/auth/process (ProcessGet): the current block. With `preferredBlock` signup-init or
 * login-init, a process on the other of the two switches to it (the `switchBlock` step).
 */
export const processGetRoute: RouteModule = (app, context) => {
  app.get(
    '/auth/process',
    {
      schema: {
        operationId: 'ProcessGet',
        tags: ['Frontend API'],
        summary: 'The current block of a process',
        querystring: Type.Object({ preferredBlock: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: withErrors({ 200: ProcessResponse }),
      },
    },
    async (request, reply) => {
      const deps = processDepsOf(context);
      const token = processTokenOf(request);
      const preferred = request.query.preferredBlock;
      let view = await getProcess(deps, request.frontendProject, token);
      const block = view.blockBody.block;
      if (
        (preferred === 'login-init' && block === 'signup-init') ||
        (preferred === 'signup-init' && block === 'login-init')
      ) {
        view = await runProcessStep(deps, request.frontendProject, {
          token,
          action: 'switchBlock',
          body: { preferredBlock: preferred },
          request: stepRequestOf(request),
        });
      }
      return toProcessResponse(context, request, reply, view);
    },
  );
};
