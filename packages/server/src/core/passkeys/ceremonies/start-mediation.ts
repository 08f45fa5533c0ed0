import type { ProjectRecord } from '../../../store/project.store.js';
import { validateClientInformation } from '../../events/client-information.js';
import { decideMediation } from '../decision/decide-mediation.js';
import type { PasskeyDeps } from '../passkey-deps.js';
import { relyingPartyOf } from '../relying-party.js';
import { requestOptionsJson } from './ceremony-options.js';
import { issueChallenge } from './issue-challenge.js';

export interface StartMediationResult {
  loginAllow: boolean;
  /** JSON text `{"publicKey":{…}}` with an empty allow list. */
  assertionOptions: string;
}

/**
 * Starts a conditional-UI login: nobody is identified yet, so the challenge is bound to the
 * ceremony only and the allow list is empty (the browser offers the user's discoverable
 * passkeys in the autofill list). The finish finds the user from the passkey used.
 * @throws VALIDATION_FAILED
 */
export async function startMediation(
  deps: PasskeyDeps,
  project: ProjectRecord,
  input: { clientInformation: unknown },
): Promise<StartMediationResult> {
  const client = validateClientInformation(input.clientInformation);
  const rp = relyingPartyOf(project);
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
