import type { RouteModule } from '../../../route-context.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/block/skip (BlockSkip): declines the offered passkey, or continues. */
export const blockSkipRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/block/skip',
    operationId: 'BlockSkip',
    summary: 'Skip the current block',
    action: 'skip',
  });
