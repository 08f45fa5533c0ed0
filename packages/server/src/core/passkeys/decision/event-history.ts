import type { PasskeyEventRecord, PasskeyEventType } from '../../../store/passkey-event.store.js';
import type { DecisionInput } from './decision-input.js';
import {
  appendCooldownMs,
  historyWindowMs,
  loginFailureWindowMs,
  variantWindowMs,
} from './decision-limits.js';
import type { AppendHistoryData } from './insights.js';

/** What the user's passkey events say about this client. */
export interface EventHistory {
  /** `append-explicit-abort` events that count. */
  appendAborts: number;
  /** Live `user-append-after-cross-platform-blacklisted`. */
  appendAfterHybridBlacklisted: boolean;
  /** Live `user-append-after-login-error-blacklisted`. */
  appendAfterErrorBlacklisted: boolean;
  /** Live `append-credential-exists`: the authenticator here already holds a passkey for the user. */
  appendCredentialExists: boolean;
  /** Live `user-login-blacklisted`. */
  loginBlacklisted: boolean;
  /** Failed passkey logins that count: errors, explicit aborts, no credential found. */
  loginFailures: number;
  /** A login error within the variant window. */
  recentLoginError: boolean;
  /** A `login-no-credentials` within the variant window. */
  recentNoCredential: boolean;
  historyData: AppendHistoryData;
}

const loginErrors: readonly PasskeyEventType[] = ['login-error', 'login-error-untyped'];
const loginFailures: readonly PasskeyEventType[] = [
  ...loginErrors,
  'login-explicit-abort',
  'login-no-credentials',
];

/**
 * The event concerns this client: it names this client's `cle-…` ID or its
 * `clientEnvHandle`, or it names no client at all (then it concerns every client).
 */
function isOnThisClient(event: PasskeyEventRecord, input: DecisionInput): boolean {
  if (event.clientEnvId === null) return true;
  if (event.clientEnvId === input.clientEnvId) return true;
  return (
    input.client.clientEnvHandle !== undefined && event.clientEnvId === input.client.clientEnvHandle
  );
}

/** Still counts at `now`: before its `expires`, or, without one, younger than `windowMs`. */
function counts(event: PasskeyEventRecord, now: number, windowMs: number): boolean {
  if (event.expires !== null) return event.expires * 1000 > now;
  return now - event.createdAt < windowMs;
}

/**
 * Reads the user's events on this client into counts and flags.
 *
 * `historyData` counts the user's refusals of an append on this client per variant: an
 * `append-explicit-abort` is `afterError` when its process also had a login error and
 * `default` otherwise; `user-append-after-login-error-blacklisted` counts as `afterError`,
 * `user-append-after-cross-platform-blacklisted` as `afterHybrid`. A variant is in cooldown
 * while its latest refusal is younger than `appendCooldownMs`. No event marks an automatic
 * append, so `autoCount` is 0 and `autoCooldown` false.
 */
export function eventHistoryOf(input: DecisionInput): EventHistory {
  const { now } = input;
  const here = input.events.filter((event) => isOnThisClient(event, input));
  const live = (type: PasskeyEventType, windowMs: number) =>
    here.filter((event) => event.eventType === type && counts(event, now, windowMs));
  const recent = (types: readonly PasskeyEventType[]) =>
    here.some(
      (event) =>
        types.includes(event.eventType) &&
        counts(event, now, variantWindowMs) &&
        now - event.createdAt < variantWindowMs,
    );

  const aborts = live('append-explicit-abort', historyWindowMs);
  const afterHybridBlacklist = live(
    'user-append-after-cross-platform-blacklisted',
    historyWindowMs,
  );
  const afterErrorBlacklist = live('user-append-after-login-error-blacklisted', historyWindowMs);
  const processesWithLoginError = new Set(
    input.events
      .filter((event) => loginErrors.includes(event.eventType) && event.processId !== null)
      .map((event) => event.processId),
  );
  const afterErrorAborts = aborts.filter(
    (event) => event.processId !== null && processesWithLoginError.has(event.processId),
  );
  const defaultAborts = aborts.filter((event) => !afterErrorAborts.includes(event));
  const afterError = [...afterErrorAborts, ...afterErrorBlacklist];
  const coolingDown = (events: PasskeyEventRecord[]) =>
    events.some((event) => now - event.createdAt < appendCooldownMs);

  return {
    appendAborts: aborts.length,
    appendAfterHybridBlacklisted: afterHybridBlacklist.length > 0,
    appendAfterErrorBlacklisted: afterErrorBlacklist.length > 0,
    appendCredentialExists: live('append-credential-exists', historyWindowMs).length > 0,
    loginBlacklisted: live('user-login-blacklisted', historyWindowMs).length > 0,
    loginFailures: here.filter(
      (event) =>
        loginFailures.includes(event.eventType) && counts(event, now, loginFailureWindowMs),
    ).length,
    recentLoginError: recent(loginErrors),
    recentNoCredential: recent(['login-no-credentials']),
    historyData: {
      defaultCount: defaultAborts.length,
      afterErrorCount: afterError.length,
      afterHybridCount: afterHybridBlacklist.length,
      autoCount: 0,
      defaultCooldown: coolingDown(defaultAborts),
      afterErrorCooldown: coolingDown(afterError),
      afterHybridCooldown: coolingDown(afterHybridBlacklist),
      autoCooldown: false,
    },
  };
}
