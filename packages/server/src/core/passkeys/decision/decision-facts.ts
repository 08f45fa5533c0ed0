import type { CredentialRecord } from '../../../store/credential.store.js';
import { type ClientCapabilities, clientCapabilitiesOf } from './client-capabilities.js';
import type { DecisionInput } from './decision-input.js';
import { variantWindowMs } from './decision-limits.js';
import { type EventHistory, eventHistoryOf } from './event-history.js';
import type { AppendVariant } from './insights.js';
import { isOnThisClient, isPhoneReachable, isSecurityKey } from './passkey-kinds.js';

/**
 * Everything the rules look at, worked out once from the input, so that each rule is a
 * one-line condition over named facts.
 */
export interface DecisionFacts {
  input: DecisionInput;
  client: ClientCapabilities;
  /** This client finished a passkey ceremony for the user before (its `cle-…` ID is known). */
  knownClient: boolean;
  /** The user's usable passkeys: active and not suspected of being cloned. */
  passkeys: CredentialRecord[];
  /** Those on this client (see `isOnThisClient`). */
  passkeysHere: CredentialRecord[];
  /** The user has passkeys and all of them are security keys. */
  securityKeysOnly: boolean;
  /** Hybrid works here and the user has a passkey elsewhere that a phone likely holds. */
  cdaCandidate: boolean;
  /** The user's latest passkey login was recent and used a passkey from elsewhere (hybrid). */
  recentHybridLogin: boolean;
  history: EventHistory;
  /** The append prompt that fits the moment. */
  variant: AppendVariant;
}

/** The user's most recent passkey login, if any passkey was ever used after its creation. */
function lastLoginOf(passkeys: CredentialRecord[]): CredentialRecord | undefined {
  let last: CredentialRecord | undefined;
  for (const passkey of passkeys) {
    if (passkey.lastUsedAt <= passkey.createdAt) continue;
    if (!last || passkey.lastUsedAt > last.lastUsedAt) last = passkey;
  }
  return last;
}

/**
 * Works out the facts: usable passkeys and where they are, the client's capabilities, the
 * event history on this client and the append variant (`after-error` after a recent login
 * error, else `after-no-credential` after a recent `login-no-credentials`, else
 * `after-hybrid` after a recent login with a passkey from elsewhere, else `default`).
 */
export function decisionFactsOf(input: DecisionInput): DecisionFacts {
  const client = clientCapabilitiesOf(input.client);
  const passkeys = input.credentials.filter(
    (credential) => credential.status === 'active' && credential.suspectedCloneAt === null,
  );
  const here = (credential: CredentialRecord) =>
    isOnThisClient(credential, input.clientEnvId, client);
  const lastLogin = lastLoginOf(passkeys);
  const recentHybridLogin =
    lastLogin !== undefined &&
    input.now - lastLogin.lastUsedAt < variantWindowMs &&
    !here(lastLogin) &&
    !isSecurityKey(lastLogin);
  const history = eventHistoryOf(input);
  let variant: AppendVariant = 'default';
  if (history.recentLoginError) variant = 'after-error';
  else if (history.recentNoCredential) variant = 'after-no-credential';
  else if (recentHybridLogin) variant = 'after-hybrid';
  return {
    input,
    client,
    knownClient: input.clientEnvId !== null,
    passkeys,
    passkeysHere: passkeys.filter(here),
    securityKeysOnly: passkeys.length > 0 && passkeys.every(isSecurityKey),
    cdaCandidate:
      client.hybrid &&
      passkeys.some((credential) => !here(credential) && isPhoneReachable(credential)),
    recentHybridLogin,
    history,
    variant,
  };
}
