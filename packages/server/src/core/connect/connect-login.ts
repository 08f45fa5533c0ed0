import { bindConnectProcess } from '../../store/connect.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { consumeConnectToken } from '../connect-tokens/consume-connect-token.js';
import { invalidField } from '../errors.js';
import { validateClientInformation } from '../events/client-information.js';
import { validateEnum } from '../events/event-fields.js';
import { maxUsernameLength, optionalBoolean } from '../passkeys/ceremonies/ceremony-fields.js';
import { requestOptionsJson } from '../passkeys/ceremonies/ceremony-options.js';
import type { CeremonyType } from '../passkeys/ceremonies/ceremony-type.js';
import { decoyCredentials } from '../passkeys/ceremonies/decoy-credentials.js';
import { finishLogin } from '../passkeys/ceremonies/finish-login.js';
import { issueChallenge } from '../passkeys/ceremonies/issue-challenge.js';
import { startLogin } from '../passkeys/ceremonies/start-login.js';
import { decideMediation } from '../passkeys/decision/decide-mediation.js';
import { relyingPartyOf } from '../passkeys/relying-party.js';
import { verificationFailed } from '../passkeys/webauthn/verification-failed.js';
import type { RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { ConnectDeps } from './connect-deps.js';
import { type ConnectProcessRecord, requireConnectProcess } from './connect-process.js';
import { connectIdentifierKey, connectIdentifierType, findConnectUser } from './connect-user.js';

export const connectLoginSources = ['one-tap', 'text-field', 'error-soft', 'error-hard'] as const;

/** Each start issues a challenge: at most 30 per minute per project and client address. */
export const connectLoginStartRule: RateLimitRule = {
  name: 'connect-login-start',
  limit: 30,
  windowMs: 60_000,
};

/** The spec's `passkeyOperation`: what a finished Connect ceremony did, for the UI. */
export interface PasskeyOperation {
  operationType: 'append' | 'verify';
  identifierValue: string;
  identifierType: 'email' | 'phone' | 'username';
  ceremonyType: CeremonyType;
}

/** The `passkeyOperation` of a ceremony for `identifier`. */
export function passkeyOperationOf(
  operationType: PasskeyOperation['operationType'],
  identifier: string,
  ceremonyType: CeremonyType,
): PasskeyOperation {
  return {
    operationType,
    identifierValue: identifier,
    identifierType: connectIdentifierType(identifier),
    ceremonyType,
  };
}

/**
 * The conditional-UI challenge a login init hands out when the client has autofill for
 * passkeys: a mediation challenge bound to the process (JSON text, empty allow list).
 */
export async function conditionalUiChallenge(
  deps: ConnectDeps,
  project: ProjectRecord,
  process: ConnectProcessRecord,
): Promise<string | undefined> {
  const client = validateClientInformation(process.clientInformation);
  if (!decideMediation(client).loginAllow) return undefined;
  const rp = relyingPartyOf(project);
  const challenge = await issueChallenge(deps, {
    rp,
    ceremony: 'mediation',
    userId: null,
    processId: process.id,
  });
  return requestOptionsJson({ rp, challenge: challenge.value, allow: [] });
}

export interface StartConnectLoginInput {
  processToken: unknown;
  identifier: unknown;
  source: unknown;
  loadedMs: unknown;
  loginConnectToken?: unknown;
  clientAddress: string;
}

function requireIdentifier(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidField('identifier', 'is required');
  }
  const identifier = value.trim();
  if (identifier.length > maxUsernameLength) {
    throw invalidField('identifier', `must be at most ${maxUsernameLength} characters`);
  }
  return identifier;
}

/** `loadedMs` (when the page loaded): validated, not used. */
export function requireLoadedMs(value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidField('loadedMs', 'must be a whole number of milliseconds');
  }
}

/**
 * `POST /v2/connect/login/start`: an identifier-first passkey login for the user the
 * customer's identifier maps to, bound to the process. An identifier without a user gets
 * request options with stand-in credentials all the same (no user enumeration); its finish
 * fails like a passkey that is not registered. With `loginConnectToken`, a `passkey-login`
 * token for that identifier is consumed as well.
 * @throws CONNECT_PROCESS_INVALID, VALIDATION_FAILED, CONNECT_TOKEN_NOT_FOUND, RATE_LIMITED
 */
export async function startConnectLogin(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: StartConnectLoginInput,
): Promise<{ assertionOptions: string; isCDA: boolean }> {
  const process = await requireConnectProcess(deps, project.id, input.processToken, 'login');
  const identifier = requireIdentifier(input.identifier);
  validateEnum('source', input.source, connectLoginSources);
  requireLoadedMs(input.loadedMs);
  await deps.rateLimiter.consume(connectLoginStartRule, `${project.id}:${input.clientAddress}`);
  if (input.loginConnectToken !== undefined) {
    const token = await consumeConnectToken(
      deps,
      project.id,
      input.loginConnectToken as string,
      'passkey-login',
    );
    if (connectIdentifierKey(token.data.identifier) !== connectIdentifierKey(identifier)) {
      throw invalidField('loginConnectToken', 'was issued for another identifier');
    }
  }
  const userId = (await findConnectUser(deps, project.id, identifier)) ?? null;
  await bindConnectProcess(deps.db, process.id, { userId, identifier });
  if (userId === null) {
    const rp = relyingPartyOf(project);
    const challenge = await issueChallenge(deps, {
      rp,
      ceremony: 'login',
      userId: null,
      processId: process.id,
    });
    const allow = decoyCredentials(deps.masterKey, project.id, connectIdentifierKey(identifier));
    return {
      assertionOptions: requestOptionsJson({ rp, challenge: challenge.value, allow }),
      isCDA: false,
    };
  }
  const started = await startLogin(deps, project, {
    userID: userId,
    processID: process.id,
    clientInformation: process.clientInformation,
    crossDeviceAuthenticationStrategy: 'standard',
  });
  return {
    assertionOptions: started.assertionOptions,
    isCDA: started.decisionInsights.isCDACandidate,
  };
}

export interface FinishConnectLoginInput {
  processToken: unknown;
  assertionResponse: unknown;
  isConditionalUI: unknown;
}

export interface FinishConnectLoginResult {
  passkeyOperation: PasskeyOperation;
  /** The signed passkey data for the customer's backend (`verifySignedData`). */
  signedPasskeyData: string;
}

/**
 * `POST /v2/connect/login/finish`: verifies the assertion of the process's login start (or,
 * with `isConditionalUI`, of its conditional-UI challenge) and returns the signed passkey
 * data, which the customer's backend checks once with `verifySignedData`.
 * @throws CONNECT_PROCESS_INVALID, VALIDATION_FAILED, PASSKEY_CHALLENGE_INVALID,
 *   WEBAUTHN_VERIFICATION_FAILED
 */
export async function finishConnectLogin(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: FinishConnectLoginInput,
): Promise<FinishConnectLoginResult> {
  const process = await requireConnectProcess(deps, project.id, input.processToken, 'login');
  const conditional = optionalBoolean(input.isConditionalUI, 'isConditionalUI');
  if (!conditional && process.userId === null) {
    throw verificationFailed(
      'assertionResponse.id',
      'no passkey with this credential ID is registered',
    );
  }
  const finished = await finishLogin(deps, project, conditional ? 'mediation' : 'login', {
    ...(!conditional && { userID: process.userId as string }),
    assertionResponse: input.assertionResponse,
    clientInformation: process.clientInformation,
    processID: process.id,
    trackingID: undefined,
    signPasskeyData: true,
  });
  if (finished.error || !finished.signedPasskeyData) {
    throw verificationFailed(
      'assertionResponse.id',
      'no passkey with this credential ID is registered',
    );
  }
  return {
    passkeyOperation: passkeyOperationOf(
      'verify',
      finished.passkeyData.username,
      finished.passkeyData.ceremonyType,
    ),
    signedPasskeyData: finished.signedPasskeyData,
  };
}
