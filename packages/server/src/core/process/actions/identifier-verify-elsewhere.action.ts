import type { ActionHandler } from '../process-step.js';
import { markVerified } from './identifier-verify-finish.action.js';

/**
 * email-verify → email-verify: the link was opened on another device and its code checked
 * (by `verifyEmailLinkElsewhere`). The identifier is verified now; the waiting device's next
 * status poll continues the process there, and gets the session.
 */
export const identifierVerifyElsewhereAction: ActionHandler = async (env, context) => {
  const pending = context.verification;
  if (!pending) return { to: 'email-verify', context };
  const verified = await markVerified(env, context, pending.identifier);
  return {
    to: 'email-verify',
    context: { ...verified, verification: { ...pending, verifiedElsewhere: true } },
  };
};
