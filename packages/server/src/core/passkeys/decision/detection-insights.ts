import type { DecisionFacts } from './decision-facts.js';
import type { DetectionInsights, DetectionTag } from './insights.js';
import { isSecurityKey } from './passkey-kinds.js';

/**
 * The wire `detectionInsights`: the user's usable passkeys (`credentialIds`), the client
 * environments they were created on, whether a cross-device login fits, the append history,
 * and one tag per thing detected (names listed in docs/decision-engine.md).
 */
export function detectionInsightsOf(facts: DecisionFacts): DetectionInsights {
  const { client, history, input, passkeys, passkeysHere } = facts;
  const tags: DetectionTag[] = [];
  const tag = (category: DetectionTag['category'], name: string, when = true) => {
    if (when) tags.push({ category, name });
  };

  tag('support', 'platform-authenticator', client.platformAuthenticator);
  tag('support', 'hybrid', client.hybrid);
  tag('support', 'conditional-ui', input.client.conditionalMediationAvailable);
  tag('support', 'no-passkey-support', !client.platformAuthenticator && !client.hybrid);

  tag('clientEnv', facts.knownClient ? 'known' : 'new');
  tag('clientEnv', 'private-mode', input.client.privateMode === true);
  tag('clientEnv', 'restricted-browser', client.restrictedBrowser);

  tag('passkey', 'none', passkeys.length === 0);
  tag('passkey', 'on-this-client', passkeysHere.length > 0);
  tag('passkey', 'elsewhere', passkeys.length > passkeysHere.length);
  tag('passkey', 'security-key', passkeys.some(isSecurityKey));
  tag(
    'passkey',
    'synced',
    passkeys.some((passkey) => passkey.backupEligible),
  );

  tag('history', 'append-aborted', history.appendAborts > 0);
  tag(
    'history',
    'append-blacklisted',
    history.appendAfterErrorBlacklisted || history.appendAfterHybridBlacklisted,
  );
  tag('history', 'append-credential-exists', history.appendCredentialExists);
  tag('history', 'login-blacklisted', history.loginBlacklisted);
  tag('history', 'login-failed', history.loginFailures > 0);
  tag('history', 'recent-login-error', history.recentLoginError);
  tag('history', 'recent-no-credential', history.recentNoCredential);
  tag('history', 'recent-hybrid-login', facts.recentHybridLogin);

  const clientEnvIds = new Set<string>();
  for (const passkey of passkeys) if (passkey.clientEnvId) clientEnvIds.add(passkey.clientEnvId);
  return {
    tags,
    credentialIds: passkeys.map((passkey) => passkey.id),
    clientEnvIds: [...clientEnvIds],
    isCDACandidate: facts.cdaCandidate,
    passwordManagerIds: [...(input.passwordManagerIds ?? [])],
    historyData: { ...history.historyData },
  };
}
