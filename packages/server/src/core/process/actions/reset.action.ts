import { enterLoginInit } from '../enter-block.js';
import { newProcessContext } from '../process-context.js';
import type { ActionHandler } from '../process-step.js';

/**
 * POST /v2/auth/process/reset: back to the start (login-init when the process was a login,
 * else signup-init) with a fresh context; the client information from init is kept. A pending
 * user this process created is left for a later sign-up with its identifier to take over.
 */
export const resetAction: ActionHandler = async (env, context) => {
  const fresh = newProcessContext(context.authType, context.client, context.native);
  return context.authType === 'login'
    ? enterLoginInit(env, fresh)
    : { to: 'signup-init', context: fresh };
};
