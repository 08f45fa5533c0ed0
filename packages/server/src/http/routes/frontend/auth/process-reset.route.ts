import type { RouteModule } from '../../../route-context.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/process/reset (ProcessReset): back to the first block, with a fresh context. */
export const processResetRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/process/reset',
    operationId: 'ProcessReset',
    summary: 'Reset the process',
    action: 'reset',
  });
