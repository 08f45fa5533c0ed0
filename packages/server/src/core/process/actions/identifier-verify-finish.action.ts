import { findIdentifierByValue, updateIdentifierStatus } from '../../../store/identifier.store.js';
import { verifyChallenge } from '../../challenges/verify-challenge.js';
import { type ErrorCode, isLatchkeyError } from '../../errors.js';
import {
  completeWith,
  consumeOrRefuse,
  enterPasskeyAppend,
  enterVerification,
  processCheckRule,
  signupVerificationDue,
  subjectOf,
} from '../enter-block.js';
import type { ProcessContext } from '../process-context.js';
import type { ActionHandler, BlockError, StepEnv, StepOutcome } from '../process-step.js';

/** spec_v2.yaml `identifierVerifyFinishReq`. */
export interface IdentifierVerifyFinishInput {
  code: string;
  identifierType: 'email' | 'phone' | 'username';
  verificationType: 'email-otp' | 'email-link' | 'phone-otp';
  isNewDevice: boolean;
}

/** The challenge machinery's refusals as block errors (the process stays on the block). */
const codeErrors: Partial<Record<ErrorCode, BlockError>> = {
  CHALLENGE_CODE_INVALID: { code: 'invalid_code', message: 'this is not the code that was sent' },
  CHALLENGE_EXPIRED: { code: 'code_expired', message: 'the code has expired; ask for a new one' },
  CHALLENGE_LOCKED: {
    code: 'too_many_attempts',
    message: 'too many wrong codes; ask for a new one',
  },
  CHALLENGE_NOT_PENDING: { code: 'code_used', message: 'this code was used already' },
  CHALLENGE_NOT_FOUND: { code: 'invalid_code', message: 'this is not the code that was sent' },
  USER_NOT_FOUND: { code: 'invalid_code', message: 'this is not the code that was sent' },
};

/**
 * email-verify / phone-verify → the next verification a sign-up requires, else passkey-append
 * when the passkey engine's rules offer one, else completed. Wrong, expired or used codes,
 * too many tries and the per-address limit are block errors; the process stays.
 */
export const identifierVerifyFinishAction: ActionHandler<IdentifierVerifyFinishInput> = async (
  env,
  context,
  input,
) => {
  const stay = (error: BlockError): StepOutcome => ({ to: env.block, context, error });
  const pending = context.verification;
  if (!pending) return stay({ code: 'no_code_sent', message: 'ask for a code first' });
  const refused = await consumeOrRefuse(
    env,
    processCheckRule,
    subjectOf(env.request.remoteAddress),
  );
  if (refused) return stay(refused);
  // A link's page may send `<challengeID>.<code>` (docs/process-flows.md); only the code counts.
  const raw = input.code.trim();
  const code = raw.startsWith(`${pending.challengeId}.`) ? raw.slice(raw.indexOf('.') + 1) : raw;
  // An unknown identifier (not revealed): nothing was sent, so no code matches.
  if (!context.userId || !pending.challengeId)
    return stay(codeErrors.CHALLENGE_CODE_INVALID as BlockError);
  try {
    await verifyChallenge(env.deps, env.project.id, context.userId, pending.challengeId, {
      value: code === '' ? ' ' : code,
    });
  } catch (error) {
    const mapped = isLatchkeyError(error)
      ? (codeErrors[error.code] ??
        (error.code === 'VALIDATION_FAILED' ? codeErrors.CHALLENGE_CODE_INVALID : undefined))
      : undefined;
    if (!mapped) throw error;
    return stay(mapped);
  }
  return afterVerified(env, await markVerified(env, context, pending.identifier));
};

/** Records the identifier as verified, in the context and in the store. */
export async function markVerified(
  env: StepEnv,
  context: ProcessContext,
  value: string,
): Promise<ProcessContext> {
  const identifiers = context.identifiers.map((item) =>
    item.value === value ? { ...item, verified: true } : item,
  );
  const verified = identifiers.find((item) => item.value === value);
  if (verified && context.userId) {
    const stored = await findIdentifierByValue(env.deps.db, env.project.id, verified.type, value);
    if (stored && stored.userId === context.userId && stored.status === 'pending') {
      await updateIdentifierStatus(
        env.deps.db,
        { projectId: env.project.id, userId: context.userId, id: stored.id },
        'verified',
        env.deps.clock.now(),
      );
    }
  }
  return { ...context, identifiers, verification: null, usedFallback: true };
}

/**
 * After a verified code or link: more verification, a passkey offer, or completed. A sign-up
 * that made its passkey before verifying (post-signup-email-verify) completes.
 */
export async function afterVerified(env: StepEnv, context: ProcessContext): Promise<StepOutcome> {
  if (context.authType === 'signup') {
    const due = signupVerificationDue(env, context);
    if (due === 'phone') return enterVerification(env, context, 'phone-otp');
    if (due === 'email') return enterVerification(env, context, 'email-otp');
    if (due === 'email-after-passkey') {
      return (
        (await enterPasskeyAppend(env, context)) ?? enterVerification(env, context, 'email-otp')
      );
    }
  }
  if (context.passkeyOperation?.operationType === 'append') return completeWith(context);
  return (await enterPasskeyAppend(env, context)) ?? completeWith(context);
}
