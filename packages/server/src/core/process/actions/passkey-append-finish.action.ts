import { finishAppend } from '../../passkeys/ceremonies/finish-append.js';
import { completeWith, enterPasskeyAppend } from '../enter-block.js';
import { primaryIdentifier } from '../process-context.js';
import type { ActionHandler } from '../process-step.js';
import { finishCeremony } from './passkey-error.js';

/** spec_v2.yaml `passkeyAppendFinishReq`: the credential as JSON text. */
export interface PasskeyAppendFinishInput {
  signedChallenge: string;
}

/**
 * passkey-append → completed (sign-up) or passkey-appended (after a fallback login). A refused
 * credential keeps the block, with fresh options (the challenge was used up) and the error.
 */
export const passkeyAppendFinishAction: ActionHandler<PasskeyAppendFinishInput> = async (
  env,
  context,
  input,
) => {
  const identifier = primaryIdentifier(context);
  if (!context.userId || !identifier) {
    return { to: 'passkey-append', context, error: { code: 'passkey_error', message: 'no user' } };
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
      const retry = await enterPasskeyAppend(env, context);
      return { to: 'passkey-append', context: retry?.context ?? context, error };
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
  // Sign-up: the identifiers stay `pending` (unverified) unless a code verified them.
  return completeWith(withPasskey);
};
