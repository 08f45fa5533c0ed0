import type { TSchema } from 'typebox';
import type { ActionName } from '../../../../core/process/process-table.js';
import { runProcessStep } from '../../../../core/process/run-process-step.js';
import type { RouteContext, TypedApp } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  ProcessResponse,
  processDepsOf,
  processTokenOf,
  stepRequestOf,
  toProcessResponse,
} from './process-response.js';

/** What distinguishes one process-step route from another. */
export interface ProcessStepRoute {
  url: string;
  operationId: string;
  summary: string;
  action: ActionName;
  /** The body schema; none for steps without a body. */
  body?: TSchema;
}

/**
 * Registers a POST route that runs one process step on the process named by
 * `x-corbado-process-id` and answers its `processResponse`. Each step route is this plus its
 * schema (see the `*.route.ts` files beside this one).
 */
export function registerProcessStep(app: TypedApp, context: RouteContext, route: ProcessStepRoute) {
  app.post(
    route.url,
    {
      schema: {
        operationId: route.operationId,
        tags: ['Frontend API'],
        summary: route.summary,
        ...(route.body && { body: route.body }),
        response: withErrors({ 200: ProcessResponse }),
      },
    },
    async (request, reply) => {
      const view = await runProcessStep(processDepsOf(context), request.frontendProject, {
        token: processTokenOf(request),
        action: route.action,
        body: (request.body ?? {}) as Record<string, unknown>,
        request: stepRequestOf(request),
      });
      return toProcessResponse(context, request, reply, view);
    },
  );
}
