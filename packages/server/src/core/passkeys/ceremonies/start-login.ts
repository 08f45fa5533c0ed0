import type { ProjectRecord } from '../../../store/project.store.js';
import { validateClientInformation } from '../../events/client-information.js';
import { validateEnum } from '../../events/event-fields.js';
import { getUser } from '../../users/get-user.js';
import { decideLogin } from '../decision/decide-login.js';
import type { DecisionInsights, DetectionInsights } from '../decision/insights.js';
import type { PasskeyDeps } from '../passkey-deps.js';
import { relyingPartyOf } from '../relying-party.js';
import { requireProcessId } from './ceremony-fields.js';
import { requestOptionsJson } from './ceremony-options.js';
import { loadDecisionInput } from './decision-context.js';
import { decoyCredentials } from './decoy-credentials.js';
import { issueChallenge } from './issue-challenge.js';

export const crossDeviceAuthenticationStrategies = ['standard', 'minimize', 'maximize'] as const;

export interface StartLoginInput {
  userID: string;
  clientInformation: unknown;
  crossDeviceAuthenticationStrategy: unknown;
  processID: unknown;
}

export interface StartLoginResult {
  loginAllow: boolean;
  /** JSON text `{"publicKey":{…}}`. */
  assertionOptions: string;
  detectionInsights: DetectionInsights;
  decisionInsights: DecisionInsights;
}

/**
 * Starts an identifier-first login: issues a challenge bound to the user and request options
 * listing the user's passkeys. The options are issued even when the decision engine advises
 * against a passkey login, and a user without passkeys gets stand-in entries, so the options
 * never tell whether the user has a passkey.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function startLogin(
  deps: PasskeyDeps,
  project: ProjectRecord,
  input: StartLoginInput,
): Promise<StartLoginResult> {
  const projectId = project.id;
  const processId = requireProcessId(input.processID);
  const client = validateClientInformation(input.clientInformation);
  const strategy = validateEnum(
    'crossDeviceAuthenticationStrategy',
    input.crossDeviceAuthenticationStrategy,
    crossDeviceAuthenticationStrategies,
  );
  const user = await getUser(deps, projectId, input.userID);
  const rp = relyingPartyOf(project);
  const context = await loadDecisionInput(deps, { projectId, userId: user.id, client });
  const decision = decideLogin({ ...context, crossDeviceAuthenticationStrategy: strategy });
  const challenge = await issueChallenge(deps, {
    rp,
    ceremony: 'login',
    userId: user.id,
    processId,
    clientEnvId: context.clientEnvId,
  });
  const allow =
    context.credentials.length > 0
      ? context.credentials
      : decoyCredentials(deps.masterKey, projectId, user.id);
  return {
    ...decision,
    assertionOptions: requestOptionsJson({ rp, challenge: challenge.value, allow }),
  };
}
