import { findIdentifierByValue, updateIdentifierValue } from '../../../store/identifier.store.js';
import { isLatchkeyError } from '../../errors.js';
import { normaliseIdentifierValue } from '../../identifiers/identifier-values.js';
import type { RateLimitRule } from '../../rate-limit/rate-limiter.js';
import { consumeOrRefuse, enterVerification } from '../enter-block.js';
import type { ActionHandler, BlockError, StepEnv, StepOutcome } from '../process-step.js';
import { loginInitAction } from './login-init.action.js';
import { claimIdentifier, taken } from './signup-init.action.js';

/** spec_v2.yaml `identifierUpdateReq`. */
export interface IdentifierUpdateInput {
  identifierType: 'email' | 'phone' | 'username';
  value: string;
}

/**
 * At most 5 changes per process in 10 minutes: each one sends a code to a new address, so
 * without it one process could mail any number of strangers (the per-address send rule
 * still applies on top).
 */
export const identifierUpdateRule: RateLimitRule = {
  name: 'process-identifier-update',
  limit: 5,
  windowMs: 10 * 60 * 1000,
};

/**
 * email-verify, phone-verify, post-signup-email-verify: the user mistyped the identifier the
 * code went to. A sign-up changes its pending identifier (in the context and in the store) and
 * a new code goes to the new value on the same block; the old code no longer counts. A login
 * starts over with the new value, as login/init would (passkey-verify, a verify block, or
 * login-init with a field error). Bad, taken or wrongly typed values and the rate limit are
 * block errors; the process stays.
 */
export const identifierUpdateAction: ActionHandler<IdentifierUpdateInput> = async (
  env,
  context,
  input,
) => {
  const stay = (error: BlockError): StepOutcome => ({ to: env.block, context, error });
  const refused = await consumeOrRefuse(env, identifierUpdateRule, env.processId);
  if (refused) return stay(refused);
  const type = input.identifierType;
  if (context.authType === 'login') {
    const fresh = { ...context, verification: null, passkeyChallenge: null, usedFallback: false };
    return loginInitAction(env, fresh, { identifierValue: input.value, isPhone: type === 'phone' });
  }
  const expected = env.block === 'phone-verify' ? 'phone' : 'email';
  const current = context.identifiers.find((item) => item.type === type);
  if (type !== expected || !current || !context.userId) {
    return stay({ code: 'unsupported', message: `this block verifies the ${expected}` });
  }
  let value: string;
  try {
    value = normaliseIdentifierValue(type, 'value', input.value.trim());
  } catch (error) {
    if (!isLatchkeyError(error) || error.code !== 'VALIDATION_FAILED') throw error;
    return stay({ code: 'invalid', message: error.validation[0]?.message ?? 'is invalid' });
  }
  if (value === current.value) return { to: env.block, context };
  if (!(await claimIdentifier(env, type, value))) return stay(taken);
  if (!(await renameIdentifier(env, context.userId, type, current.value, value))) {
    return stay(taken);
  }
  const updated = {
    ...context,
    identifiers: context.identifiers.map((item) =>
      item === current ? { type, value, verified: false } : item,
    ),
    verification: null,
  };
  const method = context.verification?.method ?? (type === 'phone' ? 'phone-otp' : 'email-otp');
  return enterVerification(
    env,
    updated,
    method,
    env.block === 'post-signup-email-verify' ? env.block : undefined,
  );
};

/** The sign-up's stored identifier gets the new value; false when another took it meanwhile. */
async function renameIdentifier(
  env: StepEnv,
  userId: string,
  type: 'email' | 'phone',
  from: string,
  to: string,
): Promise<boolean> {
  const stored = await findIdentifierByValue(env.deps.db, env.project.id, type, from);
  if (!stored || stored.userId !== userId) return false;
  const result = await updateIdentifierValue(
    env.deps.db,
    { projectId: env.project.id, userId, id: stored.id },
    { value: to, status: 'pending' },
    env.deps.clock.now(),
  );
  return result === 'updated';
}
