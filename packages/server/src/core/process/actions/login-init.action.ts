import { findIdentifierByValue } from '../../../store/identifier.store.js';
import { findUser } from '../../../store/user.store.js';
import { isLatchkeyError } from '../../errors.js';
import { normaliseIdentifierValue } from '../../identifiers/identifier-values.js';
import { enterPasskeyVerify, enterVerification } from '../enter-block.js';
import type { FlowFallback, FlowIdentifier } from '../flow-settings.js';
import type { ProcessContext } from '../process-context.js';
import type { ActionHandler, BlockError, StepEnv, StepOutcome } from '../process-step.js';

/** spec_v2.yaml `loginInitReq`. */
export interface LoginInitInput {
  identifierValue: string;
  isPhone: boolean;
}

const unknownIdentifier: BlockError = {
  code: 'unknown_identifier',
  message: 'there is no account with this identifier; sign up instead',
};

/**
 * login-init → passkey-verify when the user has a passkey, else the fallback for the
 * identifier's type. An identifier nobody has (or a user who cannot log in) is a field error
 * only when the project's `revealUnknownIdentifier` allows; otherwise the process goes on to
 * the same OTP block as for a known user, nothing is sent, and no code will match.
 */
export const loginInitAction: ActionHandler<LoginInitInput> = async (env, context, input) => {
  const raw = input.identifierValue.trim();
  const type: FlowIdentifier = input.isPhone ? 'phone' : raw.includes('@') ? 'email' : 'username';
  const given = (value: string): ProcessContext => ({
    ...context,
    authType: 'login',
    identifiers: [{ type, value, verified: false }],
  });
  if (!env.settings.identifiers.includes(type)) {
    return {
      to: 'login-init',
      context: given(raw),
      fieldErrors: {
        identifier: {
          code: 'unsupported',
          message: `log in with ${env.settings.identifiers.join(' or ')}`,
        },
      },
    };
  }
  let value: string;
  try {
    value = normaliseIdentifierValue(type, 'identifierValue', raw);
  } catch (error) {
    if (!isLatchkeyError(error) || error.code !== 'VALIDATION_FAILED') throw error;
    return {
      to: 'login-init',
      context: given(raw),
      fieldErrors: {
        identifier: { code: 'invalid', message: error.validation[0]?.message ?? 'is invalid' },
      },
    };
  }
  const identifier = await findIdentifierByValue(env.deps.db, env.project.id, type, value);
  const user = identifier && (await findUser(env.deps.db, env.project.id, identifier.userId));
  if (user?.status !== 'active') {
    if (env.settings.revealUnknownIdentifier) {
      const fieldError =
        user?.status === 'disabled'
          ? { code: 'user_disabled', message: 'this account is disabled' }
          : unknownIdentifier;
      return { to: 'login-init', context: given(value), fieldErrors: { identifier: fieldError } };
    }
    return fallbackFor(env, { ...given(value), userId: null }, type);
  }
  const known = { ...given(value), userId: user.id, passkeyChallenge: null };
  return (await enterPasskeyVerify(env, known)) ?? fallbackFor(env, known, type);
};

/** The OTP block for the identifier's type when the project allows it; else a field error. */
async function fallbackFor(
  env: StepEnv,
  context: ProcessContext,
  type: FlowIdentifier,
): Promise<StepOutcome> {
  const wanted: FlowFallback[] = type === 'phone' ? ['phone-otp'] : ['email-otp', 'email-link'];
  const method = env.settings.fallbacks.find((fallback) => wanted.includes(fallback));
  if (!method) {
    return {
      to: 'login-init',
      context,
      fieldErrors: {
        identifier: {
          code: 'no_login_method',
          message: 'this account cannot log in on this device',
        },
      },
    };
  }
  return enterVerification(env, { ...context, usedFallback: true }, method);
}
