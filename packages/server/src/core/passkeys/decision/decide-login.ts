import { type DecisionFacts, decisionFactsOf } from './decision-facts.js';
import type { DecisionInput } from './decision-input.js';
import { loginFailuresToDeny } from './decision-limits.js';
import { type DecisionRule, firstMatchingRule } from './decision-rule.js';
import { detectionInsightsOf } from './detection-insights.js';
import type { DecisionInsights, DetectionInsights } from './insights.js';

/** backend_api.yml `crossDeviceAuthenticationStrategy`. */
export type CrossDeviceAuthenticationStrategy = 'standard' | 'minimize' | 'maximize';

export interface DecideLoginInput extends DecisionInput {
  crossDeviceAuthenticationStrategy: CrossDeviceAuthenticationStrategy;
}

export interface LoginDecision {
  loginAllow: boolean;
  detectionInsights: DetectionInsights;
  decisionInsights: DecisionInsights;
}

export type LoginFacts = DecisionFacts & { strategy: CrossDeviceAuthenticationStrategy };

const canUsePasskeys = (f: LoginFacts) => f.client.platformAuthenticator || f.client.hybrid;

/**
 * Whether to suggest a passkey login to the user on this client, first match wins.
 * Documented row by row in docs/decision-engine.md.
 */
export const loginRules: readonly DecisionRule<LoginFacts>[] = [
  {
    id: 'login-no-passkeys',
    tag: 'user-no-pks',
    allow: false,
    applies: (f) => f.passkeys.length === 0,
  },
  {
    id: 'login-blacklisted',
    tag: 'user-login-blacklisted',
    allow: false,
    applies: (f) => f.history.loginBlacklisted,
  },
  {
    id: 'login-failing-on-this-client',
    tag: 'user-negative-env-history',
    allow: false,
    applies: (f) => f.history.loginFailures >= loginFailuresToDeny,
  },
  {
    id: 'login-passkey-on-this-client',
    tag: 'user-platform-pk-high-confidence',
    allow: true,
    applies: (f) => f.client.platformAuthenticator && f.passkeysHere.length > 0,
  },
  {
    // Client environments are recorded when a ceremony finishes: this client has worked before.
    id: 'login-known-client',
    tag: 'user-positive-env-history',
    allow: true,
    applies: (f) => f.knownClient && canUsePasskeys(f),
  },
  {
    // USB and NFC keys need neither a platform authenticator nor Bluetooth.
    id: 'login-security-keys-only',
    tag: 'user-security-key',
    allow: true,
    applies: (f) => f.securityKeysOnly,
  },
  {
    id: 'login-no-passkey-support',
    tag: 'env-no-pk-support',
    allow: false,
    applies: (f) => !canUsePasskeys(f),
  },
  {
    id: 'login-cross-device',
    tag: 'user-cross-platform-pk-high-confidence',
    allow: true,
    applies: (f) => f.cdaCandidate && f.strategy !== 'minimize',
  },
  {
    // `maximize`: let the browser try hybrid even when no passkey is known to be on a phone.
    id: 'login-cross-device-maximized',
    tag: 'user-env-no-pks',
    allow: true,
    applies: (f) => f.strategy === 'maximize' && f.client.hybrid,
  },
  {
    id: 'login-no-passkey-here',
    tag: 'user-env-no-pks',
    allow: false,
    applies: () => true,
  },
];

/**
 * Decides whether to suggest a passkey login (`loginAllow`) and explains it: the first rule of
 * `loginRules` that applies. `preferImmediatelyAvailable` is true when the passkey is on this
 * client, so the client may skip the cross-device prompt.
 */
export function decideLogin(input: DecideLoginInput): LoginDecision {
  const facts: LoginFacts = {
    ...decisionFactsOf(input),
    strategy: input.crossDeviceAuthenticationStrategy,
  };
  const rule = firstMatchingRule(loginRules, facts);
  return {
    loginAllow: rule.allow,
    detectionInsights: detectionInsightsOf(facts),
    decisionInsights: {
      tag: rule.tag,
      isCDACandidate: facts.cdaCandidate,
      experiments: [],
      preferImmediatelyAvailable: rule.tag === 'user-platform-pk-high-confidence',
    },
  };
}
