import { listIdentifiersOfUsers } from '../../store/identifier.store.js';
import { type ChallengeDeps, createChallenge } from '../challenges/create-challenge.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { requireMeIdentifierId } from './delete-me-identifier.js';

/**
 * Sends a one-time code to one of the signed-in user's email addresses (email OTP) or phone
 * numbers (SMS OTP), through the Backend API's challenge machinery (and its rate limit of 5
 * per identifier in 10 minutes).
 * @throws VALIDATION_FAILED (identifierID, a username), IDENTIFIER_NOT_FOUND, RATE_LIMITED,
 *   MESSAGE_DELIVERY_FAILED
 */
export async function startMeIdentifierVerify(
  deps: ChallengeDeps,
  user: { projectId: string; id: string },
  input: { identifierID: unknown; clientInformation: Record<string, unknown> },
): Promise<void> {
  const id = requireMeIdentifierId(input.identifierID);
  const own = await listIdentifiersOfUsers(deps.db, user.projectId, [user.id]);
  const identifier = own.find((candidate) => candidate.id === id);
  if (!identifier) throw new LatchkeyError('IDENTIFIER_NOT_FOUND', `you have no identifier ${id}`);
  if (identifier.type === 'username') {
    throw invalidField('identifierID', 'a username has nothing to verify');
  }
  await createChallenge(deps, user.projectId, user.id, {
    challengeType: identifier.type === 'email' ? 'email_otp' : 'sms_otp',
    identifierValue: identifier.value,
    clientInformation: input.clientInformation,
  });
}
