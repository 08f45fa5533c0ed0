import {
  type CredentialRecord,
  findCredentialWithOwner,
  markSuspectedClone,
  recordCredentialUse,
} from '../../../store/credential.store.js';
import {
  consumePendingChallenge,
  type PasskeyCeremony,
  setChallengeCredential,
} from '../../../store/passkey-challenge.store.js';
import type { ProjectRecord } from '../../../store/project.store.js';
import { LatchkeyError } from '../../errors.js';
import { validateClientInformation } from '../../events/client-information.js';
import { requireUserId } from '../../users/get-user.js';
import { enqueueWebhookEvent } from '../../webhooks/enqueue-webhook-event.js';
import { zeroAaguid } from '../aaguid-catalog.js';
import type { PasskeyDeps } from '../passkey-deps.js';
import { relyingPartyOf } from '../relying-party.js';
import { signPasskeyData } from '../signed-data/sign-passkey-data.js';
import { parseAuthenticationResponse, readClientData } from '../webauthn/credential-response.js';
import { userHandleOf } from '../webauthn/user-handle.js';
import { verificationFailed } from '../webauthn/verification-failed.js';
import { inProcessVerifier } from '../webauthn/webauthn-verifier.js';
import {
  optionalBoolean,
  optionalTrackingId,
  requireCredentialResponseText,
  requireProcessId,
} from './ceremony-fields.js';
import { ceremonyTypeOf } from './ceremony-type.js';
import { invalidChallenge } from './invalid-challenge.js';
import { type PasskeyData, passkeyDataOf } from './passkey-data.js';
import { recordClientEnv } from './record-client-env.js';

export interface FinishLoginInput {
  /** Identifier-first login names the user; conditional UI does not. */
  userID?: string;
  assertionResponse: unknown;
  clientInformation: unknown;
  processID: unknown;
  trackingID: unknown;
  signPasskeyData?: unknown;
}

export interface FinishLoginResult {
  passkeyData: PasskeyData;
  signedPasskeyData?: string;
  /** Conditional UI only: the passkey used is not (or no longer) registered. */
  error?: { type: 'credentialDeleted' };
}

const field = 'assertionResponse';

/**
 * Finishes a passkey login, identifier-first (`login`) or conditional UI (`mediation`):
 * 1. consumes the challenge of this ceremony (single use: a failed attempt burns it);
 * 2. finds the passkey by its credential ID; for `login` it must belong to the named user;
 * 3. checks `userHandle` against the owner (required for conditional UI);
 * 4. verifies the signature, origin, RP ID, UP and UV;
 * 5. refuses a changed backup-eligible flag, and a counter that did not grow (recorded as a
 *    possible clone);
 * 6. stores the new counter by compare-and-set, the client environment and the
 *    `passkey-login.completed` webhook in one transaction.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND, USER_NOT_ACTIVE (disabled owner),
 * PASSKEY_CHALLENGE_INVALID, WEBAUTHN_VERIFICATION_FAILED
 */
export async function finishLogin(
  deps: PasskeyDeps,
  project: ProjectRecord,
  ceremony: Exclude<PasskeyCeremony, 'append'>,
  input: FinishLoginInput,
): Promise<FinishLoginResult> {
  const projectId = project.id;
  const namedUserId = ceremony === 'login' ? requireUserId(input.userID ?? '') : undefined;
  const processId = requireProcessId(input.processID);
  optionalTrackingId(input.trackingID);
  const wantsSignedData = optionalBoolean(input.signPasskeyData, 'signPasskeyData');
  const client = validateClientInformation(input.clientInformation);
  const response = parseAuthenticationResponse(
    requireCredentialResponseText(input.assertionResponse, field),
  );
  const clientData = readClientData(response.response.clientDataJSON, field);
  const rp = relyingPartyOf(project);

  const found = await findCredentialWithOwner(deps.db, projectId, response.id);
  const credential = found?.credential;
  const now = deps.clock.now();
  const challenge = await consumePendingChallenge(deps.db, {
    projectId,
    value: clientData.challenge,
    ceremony,
    now,
    credentialId: credential?.id,
  });
  if (
    !challenge ||
    (ceremony === 'login' &&
      (challenge.userId !== namedUserId || challenge.processId !== processId))
  ) {
    throw invalidChallenge(field);
  }
  if (!found || !credential) {
    if (ceremony === 'mediation') return credentialDeleted(challenge.id, deps);
    throw verificationFailed(`${field}.id`, 'no passkey with this credential ID is registered');
  }
  if (namedUserId !== undefined && credential.userId !== namedUserId) {
    throw verificationFailed(`${field}.id`, 'the passkey belongs to another user');
  }
  const owner = found.owner;
  // A disabled user cannot log in by any path until enabled again (the challenge is spent).
  if (owner.status === 'disabled') {
    throw new LatchkeyError('USER_NOT_ACTIVE', 'the passkey’s owner is disabled');
  }
  const userHandle = response.response.userHandle;
  if (userHandle === undefined && ceremony === 'mediation') {
    throw verificationFailed(
      `${field}.response.userHandle`,
      'is required for a conditional-UI login',
    );
  }
  if (userHandle !== undefined && userHandle !== userHandleOf(owner)) {
    throw verificationFailed(
      `${field}.response.userHandle`,
      'does not belong to the passkey’s owner',
    );
  }

  const verified = await (deps.verifier ?? inProcessVerifier).verifyAuthentication(rp, {
    response,
    expectedChallenge: challenge.value,
    credential,
  });
  if (verified.backupEligible !== credential.backupEligible) {
    throw verificationFailed(field, 'the backup-eligible flag differs from the one registered');
  }
  await checkCounter(deps, credential, verified.signCount, now);

  // The token's claims are known now, so it is signed (on a worker thread) while the login
  // is recorded; it is handed out only if the recording commits.
  const signing = wantsSignedData
    ? signPasskeyData(deps, {
        projectId,
        userId: owner.id,
        webauthnId: owner.explicitWebauthnId ?? owner.id,
        username: credential.username,
        credentialId: credential.id,
        challengeId: challenge.id,
        processId,
        conditionalUi: ceremony === 'mediation',
      })
    : undefined;
  // Settled here so that a failed recording does not leave the signature's outcome unobserved.
  signing?.catch(() => {});

  await deps.db.transaction().execute(async (trx) => {
    const counted = await recordCredentialUse(trx, {
      id: credential.id,
      expectedSignCount: credential.signCount,
      signCount: verified.signCount,
      backupState: verified.backupState,
      lastUsedAt: now,
    });
    // Another login with this passkey moved the counter since we read it: this response's
    // counter is no longer ahead of the stored one.
    if (!counted)
      throw verificationFailed(field, 'the signature counter changed during this login; try again');
    // The start recorded which known client this is; only a client seen first now is written.
    if (challenge.clientEnvId === null || challenge.userId !== owner.id) {
      await recordClientEnv(trx, deps, { projectId, userId: owner.id, client });
    }
    if (ceremony === 'mediation') {
      await setChallengeCredential(trx, {
        id: challenge.id,
        credentialId: credential.id,
        userId: owner.id,
        now,
      });
    }
    await enqueueWebhookEvent(
      trx,
      {
        projectId,
        type: 'passkey-login.completed',
        data: {
          userID: owner.id,
          id: credential.id,
          credentialID: credential.credentialId,
          username: credential.username,
          challengeID: challenge.id,
          conditionalUI: ceremony === 'mediation',
        },
      },
      deps.clock,
      deps.random,
    );
  });

  const passkeyData = passkeyDataOf(credential, {
    challengeId: challenge.id,
    ceremonyType: ceremonyTypeOf({
      authenticatorAttachment: response.authenticatorAttachment,
      transports: credential.transports,
      backupEligible: credential.backupEligible,
    }),
    aaguids: deps.aaguids,
  });
  if (!signing) return { passkeyData };
  return { passkeyData, signedPasskeyData: await signing };
}

/**
 * WebAuthn §7.2 step 21: a counter that does not grow (while either value is non-zero) means
 * two authenticators may hold this key. The login is refused and the credential marked.
 */
async function checkCounter(
  deps: PasskeyDeps,
  credential: CredentialRecord,
  reported: number,
  now: number,
) {
  if (reported === 0 && credential.signCount === 0) return;
  if (reported > credential.signCount) return;
  await markSuspectedClone(deps.db, credential.id, now);
  throw verificationFailed(
    `${field}.response.authenticatorData`,
    `the signature counter went from ${credential.signCount} to ${reported}: possible cloned authenticator`,
  );
}

/** Conditional UI with a passkey the project no longer has: the client may tell the authenticator. */
function credentialDeleted(challengeId: string, deps: PasskeyDeps): FinishLoginResult {
  return {
    passkeyData: {
      id: '',
      userID: '',
      username: '',
      ceremonyType: 'local',
      challengeID: challengeId,
      aaguidDetails: deps.aaguids.lookup(zeroAaguid),
    },
    error: { type: 'credentialDeleted' },
  };
}
