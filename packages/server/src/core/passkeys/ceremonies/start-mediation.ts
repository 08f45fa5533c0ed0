import { validateClientInformation } from '../../events/client-information.js';
import { decideMediation } from '../decision/decide-mediation.js';
import type { PasskeyDeps } from '../passkey-deps.js';
import { requestOptionsJson } from './ceremony-options.js';
import { issueChallenge } from './issue-challenge.js';
import { loadRelyingParty } from './load-relying-party.js';

export interface StartMediationResult {
  loginAllow: boolean;
  /** JSON text `{"publicKey":{…}}` with an empty allow list. */
  assertionOptions: string;
}

/**
 * Starts a conditional-UI login: nobody is identified yet, so the challenge is bound to the
 * ceremony only and the allow list is empty (the browser offers the user's discoverable
 * passkeys in the autofill list). The finish finds the user from the passkey used.
 * @throws VALIDATION_FAILED, PROJECT_NOT_FOUND
 */
export async function startMediation(
  deps: PasskeyDeps,
  projectId: string,
  input: { clientInformation: unknown },
): Promise<StartMediationResult> {
  const client = validateClientInformation(input.clientInformation);
  const rp = await loadRelyingParty(deps, projectId);
  const { loginAllow } = decideMediation(client);
  const challenge = await issueChallenge(deps, {
    rp,
    ceremony: 'mediation',
    userId: null,
    processId: '',
  });
  return {
    loginAllow,
    assertionOptions: requestOptionsJson({ rp, challenge: challenge.value, allow: [] }),
  };
}
