import { enterLoginInit } from '../enter-block.js';
import type { ActionHandler } from '../process-step.js';

/** GET /v2/auth/process?preferredBlock=: signup-init ⇄ login-init before either was sent. */
export const switchBlockAction: ActionHandler<{
  preferredBlock: 'signup-init' | 'login-init';
}> = async (env, context, input) =>
  input.preferredBlock === 'login-init'
    ? enterLoginInit(env, context)
    : { to: 'signup-init', context: { ...context, authType: 'signup', passkeyChallenge: null } };
