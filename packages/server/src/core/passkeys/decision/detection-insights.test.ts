import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  client,
  decisionInput,
  event,
  minute,
  now,
  phonePasskey,
  securityKey,
} from '../../../../test/support/decision-fixtures.js';
import { decisionFactsOf } from './decision-facts.js';
import type { DecisionInput } from './decision-input.js';
import { detectionInsightsOf } from './detection-insights.js';

function tagsOf(input: Partial<DecisionInput>): string[] {
  return detectionInsightsOf(decisionFactsOf(decisionInput(input))).tags.map(
    (tag) => `${tag.category}:${tag.name}`,
  );
}

describe('detectionInsightsOf tags', () => {
  test('a known Mac with Touch ID and the user’s passkey on it', () => {
    assert.deepEqual(tagsOf({}), [
      'support:platform-authenticator',
      'support:hybrid',
      'support:conditional-ui',
      'clientEnv:known',
      'passkey:on-this-client',
      'passkey:synced',
    ]);
  });

  test('a new client without passkey support, in private mode, user without passkeys', () => {
    assert.deepEqual(
      tagsOf({
        clientEnvId: null,
        credentials: [],
        client: client({
          userVerifyingPlatformAuthenticatorAvailable: false,
          conditionalMediationAvailable: false,
          privateMode: true,
        }),
      }),
      [
        'support:no-passkey-support',
        'clientEnv:new',
        'clientEnv:private-mode',
        'clientEnv:restricted-browser',
        'passkey:none',
      ],
    );
  });

  test('passkeys elsewhere, a security key, and history', () => {
    assert.deepEqual(
      tagsOf({
        credentials: [
          phonePasskey({ backupEligible: false, lastUsedAt: now - minute }),
          securityKey(),
        ],
        events: [
          event('append-explicit-abort'),
          event('user-append-after-login-error-blacklisted'),
          event('append-credential-exists'),
          event('user-login-blacklisted'),
          event('login-error', { createdAt: now - minute }),
          event('login-no-credentials', { createdAt: now - minute }),
        ],
      }).filter((tag) => !tag.startsWith('support:')),
      [
        'clientEnv:known',
        'passkey:elsewhere',
        'passkey:security-key',
        'history:append-aborted',
        'history:append-blacklisted',
        'history:append-credential-exists',
        'history:login-blacklisted',
        'history:login-failed',
        'history:recent-login-error',
        'history:recent-no-credential',
        'history:recent-hybrid-login',
      ],
    );
  });
});
