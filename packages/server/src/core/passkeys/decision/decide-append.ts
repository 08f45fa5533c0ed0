import { type DecisionFacts, decisionFactsOf } from './decision-facts.js';
import type { DecisionInput } from './decision-input.js';
import { appendAbortsToStopAsking } from './decision-limits.js';
import { type DecisionRule, firstMatchingRule } from './decision-rule.js';
import { detectionInsightsOf } from './detection-insights.js';
import type {
  AppendHistoryData,
  AppendVariant,
  DecisionInsightsAppend,
  DetectionInsights,
} from './insights.js';

export interface DecideAppendInput extends DecisionInput {
  /** backend_api.yml `passkeyIntelFlags`. */
  flags: { forcePasskeyAppend: boolean; askForAutoAppend?: boolean };
}

export interface AppendDecision {
  appendAllow: boolean;
  detectionInsights: DetectionInsights;
  decisionInsights: DecisionInsightsAppend;
}

/** Which `historyData` cooldown guards each variant (no-credential prompts share default's). */
const cooldownOf: Record<AppendVariant, keyof AppendHistoryData> = {
  default: 'defaultCooldown',
  'after-error': 'afterErrorCooldown',
  'after-hybrid': 'afterHybridCooldown',
  'after-no-credential': 'defaultCooldown',
  'passkey-list': 'defaultCooldown',
};

/**
 * Whether to offer the user a new passkey on this client, first match wins. Documented row
 * by row in docs/decision-engine.md; `forcePasskeyAppend` overrides the answer, not the tag.
 */
export const appendRules: readonly DecisionRule<DecisionFacts>[] = [
  {
    id: 'append-no-passkey-support',
    tag: 'env-no-pk-support',
    allow: false,
    applies: (f) => !f.client.platformAuthenticator && !f.client.hybrid,
  },
  {
    // A passkey made here would have to live on another device (a phone via hybrid).
    id: 'append-no-platform-authenticator',
    tag: 'env-no-platform-pk-support',
    allow: false,
    applies: (f) => !f.client.platformAuthenticator,
  },
  {
    id: 'append-restricted-browser',
    tag: 'env-blacklisted',
    allow: false,
    applies: (f) => f.client.restrictedBrowser,
  },
  {
    id: 'append-passkey-on-this-client',
    tag: 'user-platform-pk-high-confidence',
    allow: false,
    applies: (f) => f.passkeysHere.length > 0 || f.history.appendCredentialExists,
  },
  {
    id: 'append-after-hybrid-blacklisted',
    tag: 'user-append-blacklisted',
    allow: false,
    applies: (f) => f.history.appendAfterHybridBlacklisted,
    variant: 'after-hybrid',
  },
  {
    id: 'append-after-error-blacklisted',
    tag: 'user-append-blacklisted',
    allow: false,
    applies: (f) => f.history.appendAfterErrorBlacklisted,
    variant: 'after-error',
  },
  {
    id: 'append-aborted-repeatedly',
    tag: 'user-append-blacklisted',
    allow: false,
    applies: (f) => f.history.appendAborts >= appendAbortsToStopAsking,
  },
  {
    id: 'append-cooldown',
    tag: 'user-negative-env-history',
    allow: false,
    applies: (f) => f.history.historyData[cooldownOf[f.variant]] === true,
  },
  {
    id: 'append-first-passkey',
    tag: 'user-no-pks',
    allow: true,
    applies: (f) => f.passkeys.length === 0,
  },
  {
    id: 'append-passkey-for-this-client',
    tag: 'user-env-no-pks',
    allow: true,
    applies: () => true,
  },
];

/**
 * Decides whether to offer a passkey append (`appendAllow`) and explains it. The first rule
 * of `appendRules` that applies gives the answer and tag; `forcePasskeyAppend: true` makes the
 * answer true whatever the rule (the tag still says what the rules found). `auto` asks the
 * client for an automatic (conditional) creation when the caller asked for one, the append is
 * allowed, the client has a platform authenticator and conditional mediation.
 */
export function decideAppend(input: DecideAppendInput): AppendDecision {
  const facts = decisionFactsOf(input);
  const rule = firstMatchingRule(appendRules, facts);
  const appendAllow = input.flags.forcePasskeyAppend || rule.allow;
  const detectionInsights = detectionInsightsOf(facts);
  return {
    appendAllow,
    detectionInsights,
    decisionInsights: {
      tag: rule.tag,
      isRestrictedBrowser: facts.client.restrictedBrowser,
      variant: rule.variant ?? facts.variant,
      auto:
        appendAllow &&
        input.flags.askForAutoAppend === true &&
        input.client.conditionalMediationAvailable &&
        facts.client.platformAuthenticator &&
        !detectionInsights.historyData.autoCooldown,
    },
  };
}
