import {
  type ChallengeRecord,
  deleteChallengeRow,
  insertChallenge,
  userHasIdentifier,
} from '../../store/challenge.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { validateClientInformation } from '../events/client-information.js';
import { newId } from '../ids.js';
import {
  renderChallengeMail,
  renderChallengeSms,
  resolveMessageCatalog,
} from '../messages/render-message.js';
import type { Messaging } from '../messages/transports.js';
import { getProject } from '../projects/get-project.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import { getUser, requireUserId } from '../users/get-user.js';
import {
  challengeLink,
  identifierTypeOf,
  newChallengeSecret,
  normaliseChallengeIdentifier,
  resolveChallengeLifetime,
  validateChallengeMetadata,
  validateChallengeType,
} from './challenge-fields.js';

/** What creating a challenge needs besides the database, time and randomness. */
export interface ChallengeDeps extends CoreDeps {
  messaging: Messaging;
  rateLimiter: RateLimiter;
  /** The server's public origin: where email links point when the project names no target. */
  publicUrl: () => string;
}

export interface CreateChallengeInput {
  challengeType: unknown;
  identifierValue: unknown;
  challengeMetadata?: unknown;
  lifetimeSeconds?: unknown;
  clientInformation: unknown;
}

/**
 * At most 5 challenges per user and identifier value in 10 minutes, whatever their type, so
 * the API cannot be used to flood someone's inbox or phone.
 */
export const challengeCreationRule: RateLimitRule = {
  name: 'challenge-create',
  limit: 5,
  windowMs: 10 * 60 * 1000,
};

/**
 * Creates an email OTP, email link or SMS OTP challenge for one of a user's email addresses
 * or phone numbers and sends the code or link. Only the code's SHA-256 is stored. If the
 * message cannot be handed to the transport, the challenge is deleted again.
 * @throws VALIDATION_FAILED naming the field (`identifierValue` when it is not one of the
 *   user's identifiers of the right type), USER_NOT_FOUND, RATE_LIMITED,
 *   MESSAGE_DELIVERY_FAILED
 */
export async function createChallenge(
  deps: ChallengeDeps,
  projectId: string,
  userId: string,
  input: CreateChallengeInput,
): Promise<ChallengeRecord> {
  const id = requireUserId(userId);
  const type = validateChallengeType(input.challengeType);
  const identifierValue = normaliseChallengeIdentifier(type, input.identifierValue);
  const metadata = validateChallengeMetadata(input.challengeMetadata);
  const lifetimeSeconds = resolveChallengeLifetime(type, input.lifetimeSeconds);
  validateClientInformation(input.clientInformation);

  const project = await getProject(deps, projectId);
  await getUser(deps, projectId, id);
  const identifierType = identifierTypeOf(type);
  const owned = await userHasIdentifier(deps.db, {
    projectId,
    userId: id,
    type: identifierType,
    value: identifierValue,
  });
  if (!owned) {
    throw invalidField(
      'identifierValue',
      identifierType === 'phone'
        ? `is not a phone number of user ${id}`
        : `is not an email address of user ${id}`,
    );
  }
  // The value is hashed so the counter key has a fixed length and no personal data.
  await deps.rateLimiter.consume(
    challengeCreationRule,
    `${projectId}:${id}:${hashToken(identifierValue).slice(0, 32)}`,
  );

  const secret = newChallengeSecret(type, deps.random);
  const now = deps.clock.now();
  const challenge: ChallengeRecord = {
    id: newId('challenge', deps.random),
    projectId,
    userId: id,
    type,
    identifierValue,
    codeHash: hashToken(secret),
    status: 'pending',
    attempts: 0,
    metadata,
    createdAt: now,
    updatedAt: now,
    // Rounded down to the second, so the challenge never outlives the `expires` it reports.
    expiresAt: (Math.floor(now / 1000) + lifetimeSeconds) * 1000,
  };
  await insertChallenge(deps.db, challenge);
  try {
    await sendChallengeMessage(deps, project, challenge, secret, lifetimeSeconds);
  } catch (error) {
    // No code reached anyone: the challenge must not stay pending.
    await deleteChallengeRow(deps.db, challenge);
    throw new LatchkeyError(
      'MESSAGE_DELIVERY_FAILED',
      `the ${type === 'sms_otp' ? 'SMS' : 'email'} could not be sent; try again later`,
      { cause: error },
    );
  }
  return challenge;
}

async function sendChallengeMessage(
  deps: ChallengeDeps,
  project: ProjectRecord,
  challenge: ChallengeRecord,
  secret: string,
  lifetimeSeconds: number,
): Promise<void> {
  const catalog = resolveMessageCatalog([
    typeof challenge.metadata.locale === 'string' ? challenge.metadata.locale : undefined,
    project.defaultLocale,
  ]);
  const values = { projectName: project.name, code: '', link: '', lifetimeSeconds };
  if (challenge.type === 'sms_otp') {
    await deps.messaging.sms.send({
      projectId: project.id,
      to: challenge.identifierValue,
      text: renderChallengeSms(catalog, { ...values, code: secret }),
    });
    return;
  }
  const mail =
    challenge.type === 'email_link'
      ? renderChallengeMail(catalog, 'emailLink', {
          ...values,
          link: challengeLink(
            project.emailLinkUrl ?? project.frontendApiUrl ?? deps.publicUrl(),
            challenge.id,
            secret,
          ),
        })
      : renderChallengeMail(catalog, 'emailOtp', { ...values, code: secret });
  await deps.messaging.mail.send({
    projectId: project.id,
    from: project.emailFrom ?? deps.messaging.defaultMailFrom,
    to: challenge.identifierValue,
    ...mail,
  });
}
