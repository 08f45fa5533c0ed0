import { Type } from 'typebox';
import { getProcessPreferring } from '../../../../core/process/prefer-block.js';
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
 * GET /v2/auth/process (ProcessGet): the current block; with `preferredBlock`, the block the
 * client prefers when the process can move there (core/process/prefer-block.ts).
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
      const view = await getProcessPreferring(processDepsOf(context), request.frontendProject, {
        token: processTokenOf(request),
        preferredBlock: request.query.preferredBlock,
        request: stepRequestOf(request),
      });
      return toProcessResponse(context, request, reply, view);
    },
  );
};
