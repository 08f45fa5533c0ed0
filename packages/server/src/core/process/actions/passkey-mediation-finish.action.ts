import { findUser } from '../../../store/user.store.js';
import { finishLogin } from '../../passkeys/ceremonies/finish-login.js';
import { completeLogin, enterLoginInit } from '../enter-block.js';
import type { ActionHandler, BlockError } from '../process-step.js';
import { finishCeremony } from './passkey-error.js';

/** spec_v2.yaml `passkeyMediationFinishReq`: the assertion as JSON text. */
export interface PasskeyMediationFinishInput {
  signedChallenge: string;
}

/**
 * login-init → completed by conditional UI (or passkey-append-after-hybrid when the passkey
 * came from another device): the passkey picked from the autofill list names the user. A refused, unknown or disabled user's passkey keeps login-init with a fresh
 * conditional-UI challenge and the error.
 */
export const passkeyMediationFinishAction: ActionHandler<PasskeyMediationFinishInput> = async (
  env,
  context,
  input,
) => {
  const stay = async (error: BlockError) => ({ ...(await enterLoginInit(env, context)), error });
  const result = await finishCeremony(
    () =>
      finishLogin(env.deps, env.project, 'mediation', {
        assertionResponse: input.signedChallenge,
        clientInformation: context.client,
        processID: env.processId,
        trackingID: undefined,
      }),
    stay,
  );
  if ('refused' in result) return result.refused;
  const finished = result.done;
  if (finished.error) {
    return stay({ code: 'passkey_not_found', message: 'this passkey is no longer registered' });
  }
  const data = finished.passkeyData;
  const owner = await findUser(env.deps.db, env.project.id, data.userID);
  if (owner?.status !== 'active') {
    return stay({ code: 'user_not_active', message: 'this account cannot log in' });
  }
  const type = data.username.includes('@')
    ? 'email'
    : data.username.startsWith('+')
      ? 'phone'
      : 'username';
  return completeLogin(env, {
    ...context,
    userId: owner.id,
    identifiers: [{ type, value: data.username, verified: false }],
    passkeyOperation: {
      operationType: 'verify',
      identifierValue: data.username,
      identifierType: type,
      ceremonyType: data.ceremonyType,
    },
  });
};
