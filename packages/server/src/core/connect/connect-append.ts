import { bindConnectProcess } from '../../store/connect.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { consumeConnectToken } from '../connect-tokens/consume-connect-token.js';
import { optionalBoolean } from '../passkeys/ceremonies/ceremony-fields.js';
import { finishAppend } from '../passkeys/ceremonies/finish-append.js';
import { startAppend } from '../passkeys/ceremonies/start-append.js';
import { verificationFailed } from '../passkeys/webauthn/verification-failed.js';
import type { ConnectDeps } from './connect-deps.js';
import { type PasskeyOperation, passkeyOperationOf, requireLoadedMs } from './connect-login.js';
import { requireConnectProcess } from './connect-process.js';
import { ensureConnectUser } from './connect-user.js';

/** The spec's `connectAppendStartRsp.variant`: the prompts Connect's UI knows. */
export type ConnectAppendVariant = 'default' | 'after-hybrid' | 'after-error';

export interface StartConnectAppendInput {
  processToken: unknown;
  appendTokenValue: unknown;
  forcePasskeyAppend?: unknown;
  loadedMs: unknown;
}

/**
 * `POST /v2/connect/append/start`: consumes the `passkey-append` connect token (atomically,
 * once), creates the user for its identifier on first use, binds the process to that user and
 * asks the decision engine; when it allows an append (or `forcePasskeyAppend`), the creation
 * options, else `attestationOptions: ""` (the UI then offers none).
 * @throws CONNECT_PROCESS_INVALID, VALIDATION_FAILED, CONNECT_TOKEN_NOT_FOUND
 */
export async function startConnectAppend(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: StartConnectAppendInput,
): Promise<{ attestationOptions: string; variant: ConnectAppendVariant }> {
  const process = await requireConnectProcess(deps, project.id, input.processToken, 'append');
  const force = optionalBoolean(input.forcePasskeyAppend, 'forcePasskeyAppend');
  requireLoadedMs(input.loadedMs);
  const token = await consumeConnectToken(
    deps,
    project.id,
    input.appendTokenValue as string,
    'passkey-append',
  );
  const identifier = token.data.identifier;
  const userId = await ensureConnectUser(deps, project.id, {
    identifier,
    displayName: token.data.displayName ?? identifier,
  });
  await bindConnectProcess(deps.db, process.id, { userId, identifier });
  const started = await startAppend(deps, project, {
    userID: userId,
    processID: process.id,
    username: identifier,
    clientInformation: process.clientInformation,
    passkeyIntelFlags: { forcePasskeyAppend: force },
  });
  const variant = started.decisionInsights.variant;
  return {
    attestationOptions: started.attestationOptions,
    variant: variant === 'after-hybrid' || variant === 'after-error' ? variant : 'default',
  };
}

/**
 * `POST /v2/connect/append/finish`: verifies and stores the passkey of the process's append
 * start (the challenge is bound to the process and its user).
 * @throws CONNECT_PROCESS_INVALID, VALIDATION_FAILED, PASSKEY_CHALLENGE_INVALID,
 *   WEBAUTHN_VERIFICATION_FAILED, DUPLICATE_VALUE
 */
export async function finishConnectAppend(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: { processToken: unknown; attestationResponse: unknown },
): Promise<{ passkeyOperation: PasskeyOperation }> {
  const process = await requireConnectProcess(deps, project.id, input.processToken, 'append');
  if (process.userId === null || process.identifier === null) {
    throw verificationFailed('attestationResponse', 'no append was started in this process');
  }
  const finished = await finishAppend(deps, project, {
    userID: process.userId,
    processID: process.id,
    attestationResponse: input.attestationResponse,
    clientInformation: process.clientInformation,
    trackingID: undefined,
  });
  return {
    passkeyOperation: passkeyOperationOf(
      'append',
      process.identifier,
      finished.passkeyData.ceremonyType,
    ),
  };
}
