import { listUserCredentials } from '../../store/credential.store.js';
import { createChallenge } from '../challenges/create-challenge.js';
import { hashToken } from '../crypto/hash-token.js';
import { isLatchkeyError, LatchkeyError } from '../errors.js';
import { startAppend } from '../passkeys/ceremonies/start-append.js';
import { startLogin } from '../passkeys/ceremonies/start-login.js';
import { startMediation } from '../passkeys/ceremonies/start-mediation.js';
import type { RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { FlowFallback } from './flow-settings.js';
import {
  type AppendBlockVariant,
  type ProcessContext,
  primaryIdentifier,
} from './process-context.js';
import type { BlockError, StepEnv, StepOutcome } from './process-step.js';

/** At most 20 codes or links sent per client address in 10 minutes (on top of 5 per identifier). */
export const processSendRule: RateLimitRule = {
  name: 'process-code-send',
  limit: 20,
  windowMs: 10 * 60 * 1000,
};

/** At most 30 codes checked per client address in 10 minutes (on top of 5 per code). */
export const processCheckRule: RateLimitRule = {
  name: 'process-code-check',
  limit: 30,
  windowMs: 10 * 60 * 1000,
};

/** A new code may be asked for 30 seconds after the last one. */
export const resendDelayMs = 30_000;

/** The rate limiter's refusal as a block error with the time it ends. */
export function rateLimitedError(error: LatchkeyError): BlockError & { retryAfterMs: number } {
  return {
    code: 'rate_limited',
    message: 'too many attempts; try again later',
    retryAfterMs: (error.retryAfterSeconds ?? 60) * 1000,
  };
}

/**
 * Counts one event against `rule`; the refusal as a block error (undefined when allowed), so a
 * step can stay on its block instead of failing the request.
 */
export async function consumeOrRefuse(
  env: StepEnv,
  rule: RateLimitRule,
  subject: string,
): Promise<BlockError | undefined> {
  try {
    await env.deps.rateLimiter.consume(rule, subject);
    return undefined;
  } catch (error) {
    if (!isLatchkeyError(error) || error.code !== 'RATE_LIMITED') throw error;
    const { code, message } = rateLimitedError(error);
    return { code, message };
  }
}

/**
 * Enters login-init: with a conditional-UI challenge (request options with an empty allow
 * list) when the client said it can do conditional UI.
 */
export async function enterLoginInit(env: StepEnv, context: ProcessContext): Promise<StepOutcome> {
  let passkeyChallenge: string | null = null;
  if (context.client.conditionalMediationAvailable) {
    const started = await startMediation(env.deps, env.project, {
      clientInformation: context.client,
    });
    passkeyChallenge = started.assertionOptions;
  }
  return { to: 'login-init', context: { ...context, authType: 'login', passkeyChallenge } };
}

/** The append prompts spec_v2.yaml's passkey-append knows (`after-no-credential` is `default`). */
function blockVariantOf(variant: string): AppendBlockVariant {
  return variant === 'after-hybrid' || variant === 'after-error' ? variant : 'default';
}

/**
 * Enters passkey-append (or `to`, passkey-append-after-hybrid) if the passkey engine's decision
 * rules allow it (sign-up forces the offer on a client that can create passkeys; after a
 * fallback or hybrid login the rules decide, and pick the variant); undefined when no passkey
 * is to be offered.
 */
export async function enterPasskeyAppend(
  env: StepEnv,
  context: ProcessContext,
  to: 'passkey-append' | 'passkey-append-after-hybrid' = 'passkey-append',
): Promise<StepOutcome | undefined> {
  const identifier = primaryIdentifier(context);
  if (!context.userId || !identifier) return undefined;
  const signup = context.authType === 'signup' && !context.usedFallback;
  if (signup && !context.client.userVerifyingPlatformAuthenticatorAvailable) return undefined;
  const offered =
    to === 'passkey-append-after-hybrid'
      ? env.settings.offerPasskeyAfterHybrid
      : signup || env.settings.offerPasskeyAfterFallback;
  if (!offered) return undefined;
  const started = await startAppend(env.deps, env.project, {
    userID: context.userId,
    processID: env.processId,
    username: identifier.value,
    clientInformation: context.client,
    passkeyIntelFlags: { forcePasskeyAppend: signup },
  });
  if (!started.appendAllow || started.attestationOptions === '') return undefined;
  return {
    to,
    context: {
      ...context,
      passkeyChallenge: started.attestationOptions,
      appendVariant:
        to === 'passkey-append-after-hybrid'
          ? 'after-hybrid'
          : blockVariantOf(started.decisionInsights.variant),
    },
  };
}

/** Enters passkey-verify when the user has a passkey; undefined otherwise. */
export async function enterPasskeyVerify(
  env: StepEnv,
  context: ProcessContext,
): Promise<StepOutcome | undefined> {
  if (!context.userId) return undefined;
  const credentials = await listUserCredentials(env.deps.db, env.project.id, context.userId);
  if (credentials.length === 0) return undefined;
  const started = await startLogin(env.deps, env.project, {
    userID: context.userId,
    clientInformation: context.client,
    crossDeviceAuthenticationStrategy: 'standard',
    processID: env.processId,
  });
  return {
    to: 'passkey-verify',
    context: { ...context, passkeyChallenge: started.assertionOptions },
  };
}

/** The first fallback the project allows that fits one of the context's identifiers. */
export function firstFallback(env: StepEnv, context: ProcessContext): FlowFallback | undefined {
  return env.settings.fallbacks.find((method) =>
    context.identifiers.some((item) => item.type === (method === 'phone-otp' ? 'phone' : 'email')),
  );
}

/**
 * Enters email-verify or phone-verify (or `block`) with a code (or link) sent to the
 * context's identifier of the method's type. Rate limits (per identifier, per client address, and the 30-second
 * resend delay) become a block error with `retryNotBefore`, never a failed request. For an
 * identifier nobody has (when the project does not reveal that), nothing is sent and the
 * block looks the same.
 * @throws MESSAGE_DELIVERY_FAILED when the transport refused the message.
 */
export async function enterVerification(
  env: StepEnv,
  context: ProcessContext,
  method: FlowFallback,
  block?: 'post-signup-email-verify',
): Promise<StepOutcome> {
  const type = method === 'phone-otp' ? 'phone' : 'email';
  const to = block ?? (type === 'phone' ? 'phone-verify' : 'email-verify');
  const identifier = context.identifiers.find((item) => item.type === type);
  const now = env.deps.clock.now();
  const previous = context.verification;
  if (!identifier) {
    return {
      to,
      context,
      error: { code: 'verification_unavailable', message: `there is no ${type} to send to` },
    };
  }
  if (
    previous &&
    previous.method === method &&
    previous.identifier === identifier.value &&
    previous.retryNotBefore > now
  ) {
    return {
      to,
      context,
      error: {
        code: 'retry_later',
        message: 'a code was sent moments ago; wait before asking again',
      },
    };
  }
  let challengeId: string | null = null;
  let retryNotBefore = now + resendDelayMs;
  try {
    await env.deps.rateLimiter.consume(processSendRule, subjectOf(env.request.remoteAddress));
    if (context.userId) {
      const challenge = await createChallenge(env.deps, env.project.id, context.userId, {
        challengeType:
          method === 'email-link' ? 'email_link' : method === 'phone-otp' ? 'sms_otp' : 'email_otp',
        identifierValue: identifier.value,
        clientInformation: context.client,
        ...(method === 'email-link' && { challengeMetadata: { processId: env.processId } }),
      });
      challengeId = challenge.id;
    }
  } catch (error) {
    if (!isLatchkeyError(error) || error.code !== 'RATE_LIMITED') throw error;
    const limited = rateLimitedError(error);
    retryNotBefore = now + limited.retryAfterMs;
    return {
      to,
      context: {
        ...context,
        verification: {
          method,
          identifier: identifier.value,
          challengeId: previous?.challengeId ?? null,
          retryNotBefore,
          verifiedElsewhere: false,
        },
      },
      error: { code: limited.code, message: limited.message },
    };
  }
  return {
    to,
    context: {
      ...context,
      passkeyChallenge: null,
      verification: {
        method,
        identifier: identifier.value,
        challengeId,
        retryNotBefore,
        verifiedElsewhere: false,
      },
    },
  };
}

/** The rate limiter's subject for a client address (hashed: fixed length, no personal data). */
export function subjectOf(value: string): string {
  return hashToken(value).slice(0, 32);
}

/** Reaches `completed` for the context's user with the identifier it went by. */
export function completeWith(context: ProcessContext): StepOutcome {
  const identifier = primaryIdentifier(context);
  if (!context.userId || !identifier) {
    throw new LatchkeyError('INTERNAL', 'a process reached completed without a user');
  }
  return {
    to: 'completed',
    context: { ...context, passkeyChallenge: null },
    login: { userId: context.userId, identifierValue: identifier.value },
  };
}

/**
 * What a sign-up still has to verify (`verifyAtSignup`): a type to verify now, or
 * `email-after-passkey` when only the email is left and the project verifies it after the
 * passkey (`verifyEmailAfterPasskey`); undefined when nothing is left.
 */
export function signupVerificationDue(
  env: Pick<StepEnv, 'settings'>,
  context: ProcessContext,
): 'email' | 'phone' | 'email-after-passkey' | undefined {
  const unverified = env.settings.verifyAtSignup.filter((type) =>
    context.identifiers.some((item) => item.type === type && !item.verified),
  );
  const deferEmail = env.settings.verifyEmailAfterPasskey;
  const now = unverified.find((type) => !(deferEmail && type === 'email'));
  if (now) return now;
  return unverified.includes('email') ? 'email-after-passkey' : undefined;
}

/** The email method a sign-up verifies with: the link only when the project allows no OTP. */
export function signupEmailMethod(env: Pick<StepEnv, 'settings'>): 'email-otp' | 'email-link' {
  return env.settings.fallbacks.includes('email-link') &&
    !env.settings.fallbacks.includes('email-otp')
    ? 'email-link'
    : 'email-otp';
}

/**
 * After a passkey login: when the passkey came from another device over hybrid (ceremony type
 * `cda`: the assertion said `cross-platform` and the transports hybrid), offer one on this
 * device if the project and the decision engine agree; else completed.
 */
export async function completeLogin(env: StepEnv, context: ProcessContext): Promise<StepOutcome> {
  if (context.passkeyOperation?.ceremonyType === 'cda') {
    const offer = await enterPasskeyAppend(env, context, 'passkey-append-after-hybrid');
    if (offer) return offer;
  }
  return completeWith(context);
}
