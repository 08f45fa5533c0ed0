import { enterVerification } from '../enter-block.js';
import type { FlowFallback } from '../flow-settings.js';
import type { ActionHandler } from '../process-step.js';

/** spec_v2.yaml `identifierVerifyStartReq`. */
export interface IdentifierVerifyStartInput {
  identifierType: 'email' | 'phone' | 'username';
  verificationType: FlowFallback;
}

/**
 * Switches to a fallback, or asks for a new code (a resend): sends an OTP or link for the
 * process's identifier of that type. On post-signup-email-verify only a new email code. A method the project does not allow keeps the block
 * with an error.
 */
export const identifierVerifyStartAction: ActionHandler<IdentifierVerifyStartInput> = async (
  env,
  context,
  input,
) => {
  const method = input.verificationType;
  if (env.block === 'post-signup-email-verify') {
    // A resend of the email code; nothing else is offered until the email is verified.
    if (method !== 'email-otp' || input.identifierType !== 'email') {
      return {
        to: env.block,
        context,
        error: { code: 'verification_not_allowed', message: 'verify the email with its code' },
      };
    }
    return enterVerification(env, context, method, env.block);
  }
  const expected = method === 'phone-otp' ? 'phone' : 'email';
  if (!env.settings.fallbacks.includes(method) || input.identifierType !== expected) {
    return {
      to: env.block,
      context,
      error: { code: 'verification_not_allowed', message: `${method} is not offered here` },
    };
  }
  return enterVerification(env, { ...context, usedFallback: true }, method);
};
