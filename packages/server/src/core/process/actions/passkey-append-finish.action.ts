import { finishAppend } from '../../passkeys/ceremonies/finish-append.js';
import {
  completeWith,
  enterPasskeyAppend,
  enterVerification,
  signupVerificationDue,
} from '../enter-block.js';
import { primaryIdentifier } from '../process-context.js';
import type { ActionHandler } from '../process-step.js';
import { finishCeremony } from './passkey-error.js';

/** spec_v2.yaml `passkeyAppendFinishReq`: the credential as JSON text. */
export interface PasskeyAppendFinishInput {
  signedChallenge: string;
}

/**
 * passkey-append → completed (sign-up), post-signup-email-verify (a sign-up that verifies its
 * email after the passkey) or passkey-appended (after a fallback login);
 * passkey-append-after-hybrid → passkey-appended. A refused credential keeps the block, with
 * fresh options (the challenge was used up) and the error.
 */
export const passkeyAppendFinishAction: ActionHandler<PasskeyAppendFinishInput> = async (
  env,
  context,
  input,
) => {
  const appendBlock =
    env.block === 'passkey-append-after-hybrid' ? env.block : ('passkey-append' as const);
  const identifier = primaryIdentifier(context);
  if (!context.userId || !identifier) {
    return { to: appendBlock, context, error: { code: 'passkey_error', message: 'no user' } };
  }
  const result = await finishCeremony(
    () =>
      finishAppend(env.deps, env.project, {
        userID: context.userId ?? '',
        processID: env.processId,
        attestationResponse: input.signedChallenge,
        clientInformation: context.client,
        trackingID: undefined,
      }),
    async (error) => {
      const retry = await enterPasskeyAppend(env, context, appendBlock);
      return { to: appendBlock, context: retry?.context ?? context, error };
    },
  );
  if ('refused' in result) return result.refused;
  const finished = result.done;
  const ceremonyType = finished.passkeyData.ceremonyType;
  const withPasskey = {
    ...context,
    passkeyOperation: {
      operationType: 'append' as const,
      identifierValue: identifier.value,
      identifierType: identifier.type,
      ceremonyType,
    },
  };
  if (context.authType === 'login') return { to: 'passkey-appended', context: withPasskey };
  // Sign-up that verifies its email after the passkey: the code goes out now.
  if (signupVerificationDue(env, withPasskey) === 'email-after-passkey') {
    return enterVerification(env, withPasskey, 'email-otp', 'post-signup-email-verify');
  }
  // Sign-up: the identifiers stay `pending` (unverified) unless a code verified them.
  return completeWith(withPasskey);
};
