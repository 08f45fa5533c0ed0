import type { ActionHandler } from '../process-step.js';
import { afterVerified } from './identifier-verify-finish.action.js';

/**
 * GET /v2/auth/identifier/verify/status: the device waiting for an email link. Until the link
 * is opened elsewhere it stays on email-verify; then it continues as after a code (passkey
 * offer or completed, with the session for this device).
 */
export const identifierVerifyStatusAction: ActionHandler = async (env, context) => {
  if (!context.verification?.verifiedElsewhere) return { to: env.block, context };
  return afterVerified(env, { ...context, verification: null, usedFallback: true });
};
