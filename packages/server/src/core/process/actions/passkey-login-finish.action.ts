import { finishLogin } from '../../passkeys/ceremonies/finish-login.js';
import { completeLogin, enterPasskeyVerify } from '../enter-block.js';
import { primaryIdentifier } from '../process-context.js';
import type { ActionHandler } from '../process-step.js';
import { finishCeremony } from './passkey-error.js';

/** spec_v2.yaml `passkeyLoginFinishReq`: the assertion as JSON text. */
export interface PasskeyLoginFinishInput {
  signedChallenge: string;
}

/**
 * passkey-verify → completed, or passkey-append-after-hybrid after a passkey from another
 * device. A refused assertion keeps the block with fresh options and the
 * error (the passkey engine burnt the challenge).
 */
export const passkeyLoginFinishAction: ActionHandler<PasskeyLoginFinishInput> = async (
  env,
  context,
  input,
) => {
  const identifier = primaryIdentifier(context);
  if (!context.userId || !identifier) {
    return { to: 'passkey-verify', context, error: { code: 'passkey_error', message: 'no user' } };
  }
  const result = await finishCeremony(
    () =>
      finishLogin(env.deps, env.project, 'login', {
        userID: context.userId ?? '',
        assertionResponse: input.signedChallenge,
        clientInformation: context.client,
        processID: env.processId,
        trackingID: undefined,
      }),
    async (error) => {
      const retry = await enterPasskeyVerify(env, context);
      return { to: 'passkey-verify', context: retry?.context ?? context, error };
    },
  );
  if ('refused' in result) return result.refused;
  const finished = result.done;
  return completeLogin(env, {
    ...context,
    passkeyOperation: {
      operationType: 'verify',
      identifierValue: identifier.value,
      identifierType: identifier.type,
      ceremonyType: finished.passkeyData.ceremonyType,
    },
  });
};
