import type { ProjectRecord } from '../../../store/project.store.js';
import { invalidField } from '../../errors.js';
import { validateClientInformation } from '../../events/client-information.js';
import { getUser } from '../../users/get-user.js';
import { decideAppend } from '../decision/decide-append.js';
import type { DecisionInsightsAppend, DetectionInsights } from '../decision/insights.js';
import type { PasskeyDeps } from '../passkey-deps.js';
import { relyingPartyOf } from '../relying-party.js';
import { userHandleOf } from '../webauthn/user-handle.js';
import { optionalBoolean, requireProcessId, requireUsername } from './ceremony-fields.js';
import { creationOptionsJson } from './ceremony-options.js';
import { loadDecisionInput } from './decision-context.js';
import { issueChallenge } from './issue-challenge.js';

export interface StartAppendInput {
  userID: string;
  processID: unknown;
  username: unknown;
  clientInformation: unknown;
  passkeyIntelFlags: unknown;
}

export interface StartAppendResult {
  appendAllow: boolean;
  /** JSON text `{"publicKey":{…}}`; '' when the decision engine says not to offer a passkey. */
  attestationOptions: string;
  detectionInsights: DetectionInsights;
  decisionInsights: DecisionInsightsAppend;
}

function readIntelFlags(value: unknown): {
  forcePasskeyAppend: boolean;
  askForAutoAppend: boolean;
} {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidField('passkeyIntelFlags', 'must be an object with forcePasskeyAppend');
  }
  const flags = value as Record<string, unknown>;
  if (typeof flags.forcePasskeyAppend !== 'boolean') {
    throw invalidField('passkeyIntelFlags.forcePasskeyAppend', 'must be true or false');
  }
  return {
    forcePasskeyAppend: flags.forcePasskeyAppend,
    askForAutoAppend: optionalBoolean(flags.askForAutoAppend, 'passkeyIntelFlags.askForAutoAppend'),
  };
}

/**
 * Starts creating a passkey for a user: asks the decision engine whether to offer one, and if
 * so issues a registration challenge and the creation options (excluding the user's passkeys).
 * @throws VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function startAppend(
  deps: PasskeyDeps,
  project: ProjectRecord,
  input: StartAppendInput,
): Promise<StartAppendResult> {
  const projectId = project.id;
  const processId = requireProcessId(input.processID);
  const username = requireUsername(input.username);
  const client = validateClientInformation(input.clientInformation);
  const flags = readIntelFlags(input.passkeyIntelFlags);
  const user = await getUser(deps, projectId, input.userID);
  const rp = relyingPartyOf(project);
  const context = await loadDecisionInput(deps, { projectId, userId: user.id, client });
  const decision = decideAppend({ ...context, flags });
  if (!decision.appendAllow) return { ...decision, attestationOptions: '' };
  const challenge = await issueChallenge(deps, {
    rp,
    ceremony: 'append',
    userId: user.id,
    processId,
    username,
  });
  return {
    ...decision,
    attestationOptions: creationOptionsJson({
      rp,
      challenge: challenge.value,
      userHandle: userHandleOf(user),
      username,
      exclude: context.credentials,
    }),
  };
}
