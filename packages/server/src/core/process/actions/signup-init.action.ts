import { listUserCredentials } from '../../../store/credential.store.js';
import {
  findIdentifierByValue,
  type IdentifierRecord,
  insertIdentifier,
} from '../../../store/identifier.store.js';
import { deleteUserRow, findUser, insertUser, type UserRecord } from '../../../store/user.store.js';
import { isLatchkeyError, LatchkeyError } from '../../errors.js';
import { normaliseIdentifierValue } from '../../identifiers/identifier-values.js';
import { newId } from '../../ids.js';
import { validateFullName } from '../../users/user-fields.js';
import { enqueueWebhookEvent } from '../../webhooks/enqueue-webhook-event.js';
import { userEventData } from '../../webhooks/user-event-data.js';
import {
  enterPasskeyAppend,
  enterVerification,
  firstFallback,
  signupEmailMethod,
  signupVerificationDue,
} from '../enter-block.js';
import type { FlowIdentifier } from '../flow-settings.js';
import type { ContextIdentifier, ProcessContext } from '../process-context.js';
import type { ActionHandler, BlockError, StepEnv, StepOutcome } from '../process-step.js';

/** spec_v2.yaml `signupInitReq`. */
export interface SignupInitInput {
  fullName?: string | undefined;
  identifiers: { type: string; identifier: string }[];
}

/** The field or block error for a value another account holds. */
export const taken: BlockError = {
  code: 'identifier_already_in_use',
  message: 'an account with this identifier exists already; log in instead',
};

/**
 * signup-init → the first identifier verification the project requires, else passkey-append
 * when the client can create a passkey, else the first fallback. The user is created
 * `pending` with its identifiers in one transaction; it becomes `active` when the process
 * completes. Bad or taken values are field errors and the process stays on signup-init.
 */
export const signupInitAction: ActionHandler<SignupInitInput> = async (env, context, input) => {
  const fieldErrors: Record<string, BlockError> = {};
  const identifiers: ContextIdentifier[] = [];
  for (const type of env.settings.identifiers) {
    const raw = input.identifiers.find((item) => item.type === type)?.identifier.trim() ?? '';
    if (raw === '') {
      fieldErrors[type] = { code: 'missing', message: `a ${type} is required` };
      continue;
    }
    try {
      identifiers.push({ type, value: normaliseIdentifierValue(type, type, raw), verified: false });
    } catch (error) {
      if (!isLatchkeyError(error) || error.code !== 'VALIDATION_FAILED') throw error;
      fieldErrors[type] = {
        code: 'invalid',
        message: error.validation[0]?.message ?? 'is invalid',
      };
      identifiers.push({ type, value: raw, verified: false });
    }
  }
  let fullName: string | null = null;
  const rawName = input.fullName?.trim() ?? '';
  if (rawName !== '') {
    try {
      fullName = validateFullName(rawName);
    } catch (error) {
      if (!isLatchkeyError(error)) throw error;
      fieldErrors.fullName = {
        code: 'invalid',
        message: error.validation[0]?.message ?? 'is invalid',
      };
    }
  } else if (env.settings.fullNameRequired) {
    fieldErrors.fullName = { code: 'missing', message: 'a full name is required' };
  }
  const given = { ...context, identifiers, fullName };
  if (Object.keys(fieldErrors).length > 0)
    return { to: 'signup-init', context: given, fieldErrors };

  for (const identifier of identifiers) {
    if (!(await claimIdentifier(env, identifier.type, identifier.value))) {
      return { to: 'signup-init', context: given, fieldErrors: { [identifier.type]: taken } };
    }
  }
  const userId = await createPendingUser(env, identifiers, fullName);
  if (userId === undefined) {
    // Another sign-up took one of the values since the check.
    const type = identifiers[0]?.type ?? 'email';
    return { to: 'signup-init', context: given, fieldErrors: { [type]: taken } };
  }
  return nextSignupBlock(env, { ...given, userId });
};

/**
 * Where a sign-up goes once the user exists: a verification due before the passkey, else the
 * passkey, else (no passkey here) the email left for after it, else a fallback.
 */
async function nextSignupBlock(env: StepEnv, context: ProcessContext): Promise<StepOutcome> {
  const due = signupVerificationDue(env, context);
  if (due === 'phone') return enterVerification(env, context, 'phone-otp');
  if (due === 'email') return enterVerification(env, context, signupEmailMethod(env));
  const append = await enterPasskeyAppend(env, context);
  if (append) return append;
  if (due === 'email-after-passkey') {
    return enterVerification(env, context, signupEmailMethod(env));
  }
  const fallback = firstFallback(env, context);
  if (fallback) return enterVerification(env, { ...context, usedFallback: true }, fallback);
  return {
    to: 'signup-init',
    context,
    error: {
      code: 'signup_unavailable',
      message: 'this device cannot create a passkey and the project allows no other way',
    },
  };
}

/**
 * True when the value is free, or held only by a `pending` user (a sign-up that was never
 * finished) without passkeys or whose hold on this value was never verified: that user is
 * deleted so the value can be signed up with again.
 */
export async function claimIdentifier(
  env: StepEnv,
  type: FlowIdentifier,
  value: string,
): Promise<boolean> {
  const existing = await findIdentifierByValue(env.deps.db, env.project.id, type, value);
  if (!existing) return true;
  const owner = await findUser(env.deps.db, env.project.id, existing.userId);
  if (!owner) return true;
  if (owner.status !== 'pending') return false;
  // A passkey made before an email check that never happened (post-signup-email-verify left
  // unfinished) proves nothing about this value.
  if (existing.status === 'verified') {
    const credentials = await listUserCredentials(env.deps.db, env.project.id, owner.id);
    if (credentials.length > 0) return false;
  }
  await deleteUserRow(env.deps.db, env.project.id, owner.id);
  return true;
}

/** The pending user and its identifiers, in one transaction; undefined when a value is taken. */
async function createPendingUser(
  env: StepEnv,
  identifiers: ContextIdentifier[],
  fullName: string | null,
): Promise<string | undefined> {
  const now = env.deps.clock.now();
  const userId = newId('user', env.deps.random);
  try {
    await env.deps.db.transaction().execute(async (trx) => {
      const user: UserRecord = {
        id: userId,
        projectId: env.project.id,
        fullName,
        status: 'pending',
        explicitWebauthnId: null,
        createdAt: now,
        updatedAt: now,
      };
      await insertUser(trx, user);
      await enqueueWebhookEvent(
        trx,
        { projectId: env.project.id, type: 'user.created', data: userEventData(user) },
        env.deps.clock,
        env.deps.random,
      );
      for (const identifier of identifiers) {
        const record: IdentifierRecord = {
          id: newId('identifier', env.deps.random),
          projectId: env.project.id,
          userId,
          type: identifier.type,
          value: identifier.value,
          status: 'pending',
          createdAt: now,
          updatedAt: now,
        };
        if ((await insertIdentifier(trx, record)) !== 'created') {
          throw new LatchkeyError('DUPLICATE_VALUE', `${identifier.type} is taken`);
        }
      }
    });
  } catch (error) {
    if (isLatchkeyError(error) && error.code === 'DUPLICATE_VALUE') return undefined;
    throw error;
  }
  return userId;
}
