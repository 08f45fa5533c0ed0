import {
  completeWith,
  enterVerification,
  firstFallback,
  signupEmailMethod,
  signupVerificationDue,
} from '../enter-block.js';
import type { ActionHandler } from '../process-step.js';

/**
 * POST /v2/auth/block/skip. On passkey-appended and passkey-append-after-hybrid (the login
 * succeeded already): continue to completed. On passkey-append: a sign-up verifies what
 * `verifyAtSignup` still requires;
 * a login (or a sign-up whose identifier a code verified) completes without a passkey; a
 * sign-up that has proved nothing yet must verify an identifier by the first fallback, or
 * stays when the project allows none.
 */
export const skipAction: ActionHandler = async (env, context) => {
  if (env.block === 'passkey-appended' || env.block === 'passkey-append-after-hybrid') {
    return completeWith(context);
  }
  // A sign-up without its passkey must still verify what the project requires.
  const due = context.authType === 'signup' ? signupVerificationDue(env, context) : undefined;
  if (due) {
    const method = due === 'phone' ? 'phone-otp' : signupEmailMethod(env);
    return enterVerification(env, { ...context, usedFallback: true }, method);
  }
  const proved = context.authType === 'login' || context.identifiers.some((item) => item.verified);
  if (proved) return completeWith(context);
  const fallback = firstFallback(env, context);
  if (fallback) return enterVerification(env, { ...context, usedFallback: true }, fallback);
  return {
    to: 'passkey-append',
    context,
    error: { code: 'passkey_required', message: 'this project signs up with a passkey only' },
  };
};
