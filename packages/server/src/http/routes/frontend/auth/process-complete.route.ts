import type { RouteModule } from '../../../route-context.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/process/complete (ProcessComplete): finishes a process that may end now. */
export const processCompleteRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/process/complete',
    operationId: 'ProcessComplete',
    summary: 'Complete the process',
    action: 'complete',
  });
