import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  client,
  credential,
  day,
  decisionInput,
  event,
  minute,
  now,
  otherEnv,
  phonePasskey,
  securityKey,
  thisEnv,
  userAgents,
} from '../../../../test/support/decision-fixtures.js';
import {
  type CrossDeviceAuthenticationStrategy,
  decideLogin,
  type LoginFacts,
  loginRules,
} from './decide-login.js';
import { decisionFactsOf } from './decision-facts.js';
import type { DecisionInput } from './decision-input.js';
import { firstMatchingRule } from './decision-rule.js';
import type { DecisionTag } from './insights.js';

function login(
  input: Partial<DecisionInput>,
  strategy: CrossDeviceAuthenticationStrategy = 'standard',
) {
  return decideLogin({ ...decisionInput(input), crossDeviceAuthenticationStrategy: strategy });
}

interface RuleCase {
  title: string;
  input: Partial<DecisionInput>;
  strategy?: CrossDeviceAuthenticationStrategy;
  rule: string;
  loginAllow: boolean;
  tag: DecisionTag;
  isCDACandidate?: boolean;
}

/** A Windows PC the user never used for a passkey ceremony. */
const newWindowsClient = {
  clientEnvId: null,
  client: client({
    userAgent: userAgents.chromeWindows,
    parsedDeviceInfo: {
      browserName: 'Chrome',
      browserVersion: '131',
      osName: 'Windows',
      osVersion: '10',
    },
  }),
};
/** A passkey in Windows Hello on another PC: not synced, not on a phone. */
const otherPcPasskey = () =>
  credential({
    clientEnvId: otherEnv,
    sourceOs: 'Windows',
    sourceBrowser: 'Microsoft Edge',
    transports: ['internal'],
    backupEligible: false,
    backupState: false,
  });
const noPasskeySupport = client({
  userVerifyingPlatformAuthenticatorAvailable: false,
  bluetoothAvailable: false,
});

const cases: RuleCase[] = [
  {
    title: 'a user without passkeys',
    input: { credentials: [] },
    rule: 'login-no-passkeys',
    loginAllow: false,
    tag: 'user-no-pks',
  },
  {
    title: 'a user whose only passkeys are suspected clones or not active',
    input: {
      credentials: [credential({ suspectedCloneAt: now - day }), credential({ status: 'pending' })],
    },
    rule: 'login-no-passkeys',
    loginAllow: false,
    tag: 'user-no-pks',
  },
  {
    title: 'a user-login-blacklisted event on this client',
    input: { events: [event('user-login-blacklisted')] },
    rule: 'login-blacklisted',
    loginAllow: false,
    tag: 'user-login-blacklisted',
  },
  {
    title: 'a user-login-blacklisted event naming no client applies everywhere',
    input: { events: [event('user-login-blacklisted', { clientEnvId: null })] },
    rule: 'login-blacklisted',
    loginAllow: false,
    tag: 'user-login-blacklisted',
  },
  {
    title: 'a user-login-blacklisted event naming this client’s clientEnvHandle',
    input: {
      client: client({ clientEnvHandle: 'handle-123' }),
      events: [event('user-login-blacklisted', { clientEnvId: 'handle-123' })],
    },
    rule: 'login-blacklisted',
    loginAllow: false,
    tag: 'user-login-blacklisted',
  },
  {
    title: 'three failed passkey logins on this client this week',
    input: {
      events: [
        event('login-error', { createdAt: now - 6 * day }),
        event('login-error-untyped'),
        event('login-explicit-abort'),
      ],
    },
    rule: 'login-failing-on-this-client',
    loginAllow: false,
    tag: 'user-negative-env-history',
  },
  {
    title: 'login-no-credentials counts as a failed login',
    input: { events: [1, 2, 3].map(() => event('login-no-credentials')) },
    rule: 'login-failing-on-this-client',
    loginAllow: false,
    tag: 'user-negative-env-history',
  },
  {
    title: 'the user has a passkey created in this client environment',
    input: {},
    rule: 'login-passkey-on-this-client',
    loginAllow: true,
    tag: 'user-platform-pk-high-confidence',
  },
  {
    title: 'client environment unknown, a passkey from the same browser on the same OS',
    input: { clientEnvId: null, credentials: [credential({ clientEnvId: null })] },
    rule: 'login-passkey-on-this-client',
    loginAllow: true,
    tag: 'user-platform-pk-high-confidence',
  },
  {
    title: 'two failures, an old one and one elsewhere do not outweigh a passkey here',
    input: {
      events: [
        event('login-error'),
        event('login-error'),
        event('login-error', { createdAt: now - 8 * day }),
        event('login-error', { clientEnvId: otherEnv }),
        event('login-one-tap-switch'),
        event('user-login-blacklisted', { clientEnvId: otherEnv }),
      ],
    },
    rule: 'login-passkey-on-this-client',
    loginAllow: true,
    tag: 'user-platform-pk-high-confidence',
  },
  {
    title: 'a known client (a passkey ceremony finished here before), passkeys elsewhere',
    input: { credentials: [otherPcPasskey()] },
    strategy: 'minimize',
    rule: 'login-known-client',
    loginAllow: true,
    tag: 'user-positive-env-history',
  },
  {
    title: 'only security keys, even on a client without platform authenticator or Bluetooth',
    input: {
      clientEnvId: null,
      client: noPasskeySupport,
      credentials: [securityKey(), securityKey()],
    },
    rule: 'login-security-keys-only',
    loginAllow: true,
    tag: 'user-security-key',
  },
  {
    title: 'a client that can use passkeys neither itself nor from a phone',
    input: { clientEnvId: null, client: noPasskeySupport, credentials: [phonePasskey()] },
    rule: 'login-no-passkey-support',
    loginAllow: false,
    tag: 'env-no-pk-support',
    isCDACandidate: false,
  },
  {
    title: 'passkey on the phone, new client, standard strategy: cross-device login',
    input: { ...newWindowsClient, credentials: [phonePasskey()] },
    rule: 'login-cross-device',
    loginAllow: true,
    tag: 'user-cross-platform-pk-high-confidence',
    isCDACandidate: true,
  },
  {
    title: 'a synced desktop passkey can be reached from a phone: maximize',
    input: { ...newWindowsClient, credentials: [credential({ clientEnvId: otherEnv })] },
    strategy: 'maximize',
    rule: 'login-cross-device',
    loginAllow: true,
    tag: 'user-cross-platform-pk-high-confidence',
    isCDACandidate: true,
  },
  {
    title: 'no platform authenticator but Bluetooth: cross-device login',
    input: {
      clientEnvId: null,
      client: client({
        userVerifyingPlatformAuthenticatorAvailable: false,
        bluetoothAvailable: true,
      }),
      credentials: [phonePasskey()],
    },
    rule: 'login-cross-device',
    loginAllow: true,
    tag: 'user-cross-platform-pk-high-confidence',
    isCDACandidate: true,
  },
  {
    title: 'maximize tries hybrid even for a passkey not known to be on a phone',
    input: { ...newWindowsClient, credentials: [otherPcPasskey()] },
    strategy: 'maximize',
    rule: 'login-cross-device-maximized',
    loginAllow: true,
    tag: 'user-env-no-pks',
    isCDACandidate: false,
  },
  {
    title: 'minimize: no cross-device login even for a passkey on the phone',
    input: { ...newWindowsClient, credentials: [phonePasskey()] },
    strategy: 'minimize',
    rule: 'login-no-passkey-here',
    loginAllow: false,
    tag: 'user-env-no-pks',
    isCDACandidate: true,
  },
  {
    title: 'standard: a passkey in another PC’s Windows Hello cannot be reached from here',
    input: { ...newWindowsClient, credentials: [otherPcPasskey()] },
    rule: 'login-no-passkey-here',
    loginAllow: false,
    tag: 'user-env-no-pks',
    isCDACandidate: false,
  },
  {
    title: 'a platform authenticator without Bluetooth cannot reach the phone',
    input: {
      clientEnvId: null,
      client: client({ userAgent: userAgents.chromeWindows, bluetoothAvailable: false }),
      credentials: [phonePasskey()],
    },
    strategy: 'maximize',
    rule: 'login-no-passkey-here',
    loginAllow: false,
    tag: 'user-env-no-pks',
    isCDACandidate: false,
  },
];

describe('decideLogin rules', () => {
  for (const c of cases) {
    test(`${c.rule}: ${c.title}`, () => {
      const strategy = c.strategy ?? 'standard';
      const input = { ...decisionInput(c.input), crossDeviceAuthenticationStrategy: strategy };
      const facts: LoginFacts = { ...decisionFactsOf(input), strategy };
      assert.equal(firstMatchingRule(loginRules, facts).id, c.rule);
      const decision = decideLogin(input);
      assert.equal(decision.loginAllow, c.loginAllow);
      assert.equal(decision.decisionInsights.tag, c.tag);
      if (c.isCDACandidate !== undefined) {
        assert.equal(decision.decisionInsights.isCDACandidate, c.isCDACandidate);
        assert.equal(decision.detectionInsights.isCDACandidate, c.isCDACandidate);
      }
    });
  }

  test('every rule has a case, and the table ends with a rule that always applies', () => {
    const covered = new Set(cases.map((c) => c.rule));
    assert.deepEqual(
      loginRules.map((rule) => rule.id).filter((id) => !covered.has(id)),
      [],
    );
    const last = loginRules.at(-1)!;
    assert.equal(last.applies({ ...decisionFactsOf(decisionInput()), strategy: 'standard' }), true);
  });

  test('the strategy changes only the cross-device answer', () => {
    const phoneOnly = { ...newWindowsClient, credentials: [phonePasskey()] };
    assert.deepEqual(
      (['minimize', 'standard', 'maximize'] as const).map((s) => login(phoneOnly, s).loginAllow),
      [false, true, true],
    );
    for (const s of ['minimize', 'standard', 'maximize'] as const) {
      assert.equal(login({}, s).decisionInsights.tag, 'user-platform-pk-high-confidence');
      assert.equal(login({ credentials: [] }, s).loginAllow, false);
    }
  });
});

describe('decideLogin insights', () => {
  test('the wire shape: every required field, no experiments', () => {
    const decision = login({});
    assert.deepEqual(Object.keys(decision).sort(), [
      'decisionInsights',
      'detectionInsights',
      'loginAllow',
    ]);
    assert.deepEqual(decision.decisionInsights.experiments, []);
    assert.deepEqual(Object.keys(decision.detectionInsights).sort(), [
      'clientEnvIds',
      'credentialIds',
      'historyData',
      'isCDACandidate',
      'passwordManagerIds',
      'tags',
    ]);
  });

  test('preferImmediatelyAvailable only when the passkey is on this client', () => {
    assert.equal(login({}).decisionInsights.preferImmediatelyAvailable, true);
    const cda = login({ ...newWindowsClient, credentials: [phonePasskey()] });
    assert.equal(cda.decisionInsights.preferImmediatelyAvailable, false);
  });

  test('credential and client environment IDs of the usable passkeys; password managers passed through', () => {
    const here = credential();
    const phone = phonePasskey();
    const key = securityKey({ clientEnvId: null });
    const clone = credential({ clientEnvId: 'cle-1000000000000000009', suspectedCloneAt: now });
    const decision = login({
      credentials: [here, phone, key, clone, credential()],
      passwordManagerIds: ['pwm-1000000000000000001'],
    });
    const insights = decision.detectionInsights;
    assert.equal(insights.credentialIds.length, 4);
    assert.ok(!insights.credentialIds.includes(clone.id));
    assert.ok(insights.credentialIds.includes(key.id));
    assert.deepEqual(insights.clientEnvIds.sort(), [thisEnv, otherEnv].sort());
    assert.deepEqual(insights.passwordManagerIds, ['pwm-1000000000000000001']);
    assert.deepEqual(login({}).detectionInsights.passwordManagerIds, []);
  });

  test('history data is reported on login too', () => {
    const decision = login({
      events: [event('append-explicit-abort', { createdAt: now - 5 * minute })],
    });
    assert.equal(decision.detectionInsights.historyData.defaultCount, 1);
    assert.equal(decision.detectionInsights.historyData.defaultCooldown, true);
  });
});
