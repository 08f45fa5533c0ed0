import {
  insertPasskeyChallenge,
  type PasskeyCeremony,
  type PasskeyChallengeRecord,
} from '../../../store/passkey-challenge.store.js';
import type { CoreDeps } from '../../deps.js';
import { newId } from '../../ids.js';
import type { RelyingParty } from '../relying-party.js';

/**
 * Slack on top of the client timeout before a challenge expires: the browser's timer starts
 * after the options reached it, and the finish request still has to travel back.
 */
export const challengeSlackMs = 60_000;

/** Bytes of randomness in a challenge (WebAuthn §13.4.3 asks for at least 16). */
export const challengeBytes = 32;

export interface IssueChallengeInput {
  rp: RelyingParty;
  ceremony: PasskeyCeremony;
  userId: string | null;
  processId: string;
  username?: string | null;
  /** This client's environment, when the start already knows it. */
  clientEnvId?: string | null;
}

/**
 * Stores a fresh challenge for one ceremony. It lives in the database, so a ceremony started
 * on one node finishes on any other.
 */
export async function issueChallenge(
  deps: CoreDeps,
  input: IssueChallengeInput,
): Promise<PasskeyChallengeRecord> {
  const now = deps.clock.now();
  const challenge: PasskeyChallengeRecord = {
    id: newId('passkeyChallenge', deps.random),
    projectId: input.rp.projectId,
    userId: input.userId,
    type: input.ceremony === 'append' ? 'register' : 'authenticate',
    ceremony: input.ceremony,
    value: deps.random.bytes(challengeBytes).toString('base64url'),
    status: 'pending',
    processId: input.processId,
    username: input.username ?? null,
    clientEnvId: input.clientEnvId ?? null,
    credentialId: null,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + input.rp.timeoutMs + challengeSlackMs,
  };
  await insertPasskeyChallenge(deps.db, challenge);
  return challenge;
}
