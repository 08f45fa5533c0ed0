import { isUniqueViolation } from '../../../store/constraint-violation.js';
import { type CredentialRecord, insertCredential } from '../../../store/credential.store.js';
import {
  consumePendingChallenge,
  setChallengeCredential,
} from '../../../store/passkey-challenge.store.js';
import { insertPasswordManager } from '../../../store/password-manager.store.js';
import type { ProjectRecord } from '../../../store/project.store.js';
import { LatchkeyError } from '../../errors.js';
import { validateClientInformation } from '../../events/client-information.js';
import { newId } from '../../ids.js';
import { getUser } from '../../users/get-user.js';
import { enqueueWebhookEvent } from '../../webhooks/enqueue-webhook-event.js';
import { passkeyEventData } from '../../webhooks/passkey-event-data.js';
import { parseUserAgent } from '../parse-user-agent.js';
import type { PasskeyDeps } from '../passkey-deps.js';
import { relyingPartyOf } from '../relying-party.js';
import { parseRegistrationResponse, readClientData } from '../webauthn/credential-response.js';
import { inProcessVerifier } from '../webauthn/webauthn-verifier.js';
import {
  optionalTrackingId,
  requireCredentialResponseText,
  requireProcessId,
} from './ceremony-fields.js';
import { ceremonyTypeOf } from './ceremony-type.js';
import { invalidChallenge } from './invalid-challenge.js';
import { type PasskeyData, passkeyDataOf } from './passkey-data.js';
import { recordClientEnv } from './record-client-env.js';

export interface FinishAppendInput {
  userID: string;
  processID: unknown;
  attestationResponse: unknown;
  clientInformation: unknown;
  trackingID: unknown;
}

const field = 'attestationResponse';

/**
 * Finishes creating a passkey: consumes the challenge (single use, even when verification then
 * fails), verifies the attestation, and stores the credential with the client environment,
 * the passkey provider and the `passkey.created` webhook in one transaction. Flags are stored
 * only after the attestation verified.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND, PASSKEY_CHALLENGE_INVALID,
 *   WEBAUTHN_VERIFICATION_FAILED, DUPLICATE_VALUE (credential ID already registered)
 */
export async function finishAppend(
  deps: PasskeyDeps,
  project: ProjectRecord,
  input: FinishAppendInput,
): Promise<{ passkeyData: PasskeyData }> {
  const projectId = project.id;
  const processId = requireProcessId(input.processID);
  optionalTrackingId(input.trackingID);
  const client = validateClientInformation(input.clientInformation);
  const response = parseRegistrationResponse(
    requireCredentialResponseText(input.attestationResponse, field),
  );
  const clientData = readClientData(response.response.clientDataJSON, field);
  const user = await getUser(deps, projectId, input.userID);
  const rp = relyingPartyOf(project);

  const now = deps.clock.now();
  const challenge = await consumePendingChallenge(deps.db, {
    projectId,
    value: clientData.challenge,
    ceremony: 'append',
    now,
  });
  if (!challenge || challenge.userId !== user.id || challenge.processId !== processId) {
    throw invalidChallenge(field);
  }
  const verified = await (deps.verifier ?? inProcessVerifier).verifyRegistration(rp, {
    response,
    expectedChallenge: challenge.value,
  });
  const source = parseUserAgent(client.userAgent);
  const credential: CredentialRecord = {
    id: newId('credential', deps.random),
    projectId,
    userId: user.id,
    credentialId: verified.credentialId,
    username: challenge.username ?? '',
    publicKey: verified.publicKey,
    algorithm: verified.algorithm,
    signCount: verified.signCount,
    transports: verified.transports,
    aaguid: verified.aaguid,
    backupEligible: verified.backupEligible,
    backupState: verified.backupState,
    attestationType: verified.attestationType,
    sourceOs: source.osName || client.parsedDeviceInfo.osName,
    sourceBrowser: source.browserName || client.parsedDeviceInfo.browserName,
    status: 'active',
    clientEnvId: null,
    suspectedCloneAt: null,
    createdAt: now,
    lastUsedAt: now,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      credential.clientEnvId = await recordClientEnv(trx, deps, {
        projectId,
        userId: user.id,
        client,
      });
      await insertCredential(trx, credential);
      await setChallengeCredential(trx, {
        id: challenge.id,
        credentialId: credential.id,
        userId: user.id,
        now,
      });
      // A synced passkey whose provider the AAGUID names (iCloud Keychain, Google Password
      // Manager, 1Password, …) is recorded as the user's password manager on this client.
      if (credential.backupEligible && deps.aaguids.source(credential.aaguid) !== undefined) {
        await insertPasswordManager(trx, {
          id: newId('passwordManager', deps.random),
          projectId,
          userId: user.id,
          clientEnvId: credential.clientEnvId,
          credentialId: credential.id,
          aaguid: credential.aaguid,
          status: 'active',
          score: 100,
          createdAt: now,
        });
      }
      await enqueueWebhookEvent(
        trx,
        { projectId, type: 'passkey.created', data: passkeyEventData(credential, deps.aaguids) },
        deps.clock,
        deps.random,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new LatchkeyError(
        'DUPLICATE_VALUE',
        `${field}: this credential ID is already registered`,
        {
          validation: [{ field: `${field}.id`, message: 'is already registered' }],
        },
      );
    }
    throw error;
  }
  return {
    passkeyData: passkeyDataOf(credential, {
      challengeId: challenge.id,
      ceremonyType: ceremonyTypeOf({
        authenticatorAttachment: verified.authenticatorAttachment,
        transports: verified.transports,
        backupEligible: verified.backupEligible,
      }),
      aaguids: deps.aaguids,
    }),
  };
}
