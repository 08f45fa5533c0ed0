/** backend_api.yml `decisionTag`: why the decision engine answered as it did. */
export const decisionTags = [
  'env-no-platform-pk-support',
  'env-no-pk-support',
  'user-no-pks',
  'user-login-blacklisted',
  'user-security-key',
  'user-positive-env-history',
  'user-negative-env-history',
  'env-blacklisted',
  'user-platform-pk-high-confidence',
  'user-cross-platform-pk-high-confidence',
  'user-env-no-pks',
  'default-deny',
  'passkey-list-initiated-process',
  'user-append-blacklisted',
  'process-pk-login-sk-completed',
  'process-pk-login-platform-completed',
  'process-pk-login-not-offered',
  'process-pk-login-incomplete',
  'process-pk-login-cross-platform-completed',
  'device-local-platform-passkey-experiment',
  'env-broken',
  'process-pk-login-aborted',
] as const;

export type DecisionTag = (typeof decisionTags)[number];

/** backend_api.yml `detectionTag.category`. */
export type DetectionTagCategory = 'support' | 'clientEnv' | 'history' | 'passkey';

/** backend_api.yml `detectionTag`: one thing the engine detected (names: docs/decision-engine.md). */
export interface DetectionTag {
  category: DetectionTagCategory;
  name: string;
}

/**
 * backend_api.yml `appendHistoryData`: how often the user declined a passkey append on this
 * client, per variant, and whether that variant is resting after the latest refusal.
 */
export interface AppendHistoryData {
  defaultCount: number;
  afterErrorCount: number;
  afterHybridCount: number;
  autoCount: number;
  defaultCooldown: boolean;
  afterErrorCooldown: boolean;
  afterHybridCooldown: boolean;
  autoCooldown: boolean;
}

/** backend_api.yml `detectionInsights`. */
export interface DetectionInsights {
  tags: DetectionTag[];
  /** `cre-…` IDs of the user's usable passkeys. */
  credentialIds: string[];
  /** Distinct `cle-…` IDs of the client environments those passkeys were created on. */
  clientEnvIds: string[];
  isCDACandidate: boolean;
  passwordManagerIds: string[];
  historyData: AppendHistoryData;
}

/** backend_api.yml `decisionInsights` (login). */
export interface DecisionInsights {
  tag: DecisionTag;
  isCDACandidate: boolean;
  experiments: string[];
  preferImmediatelyAvailable?: boolean;
}

/** backend_api.yml `decisionInsightsAppend.variant`: which append prompt fits the moment. */
export type AppendVariant =
  | 'default'
  | 'after-error'
  | 'after-hybrid'
  | 'passkey-list'
  | 'after-no-credential';

/** backend_api.yml `decisionInsightsAppend`. */
export interface DecisionInsightsAppend {
  tag: DecisionTag;
  isRestrictedBrowser: boolean;
  variant: AppendVariant;
  auto: boolean;
}
