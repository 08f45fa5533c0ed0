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
  userAgents,
} from '../../../../test/support/decision-fixtures.js';
import {
  type AppendDecision,
  appendRules,
  type DecideAppendInput,
  decideAppend,
} from './decide-append.js';
import { decisionFactsOf } from './decision-facts.js';
import type { DecisionInput } from './decision-input.js';
import { firstMatchingRule } from './decision-rule.js';
import type { AppendVariant, DecisionTag } from './insights.js';

const noFlags = { forcePasskeyAppend: false };

function append(input: Partial<DecisionInput>, flags: DecideAppendInput['flags'] = noFlags) {
  return decideAppend({ ...decisionInput(input), flags });
}

interface RuleCase {
  title: string;
  input: Partial<DecisionInput>;
  rule: string;
  appendAllow: boolean;
  tag: DecisionTag;
  variant?: AppendVariant;
}

/** A user without passkeys, and one whose only passkey is on their phone. */
const noPasskeys = { credentials: [] };
const phoneOnly = { credentials: [phonePasskey()] };

const cases: RuleCase[] = [
  {
    title: 'no platform authenticator and no Bluetooth: no passkey possible here',
    input: {
      ...noPasskeys,
      client: client({
        userVerifyingPlatformAuthenticatorAvailable: false,
        bluetoothAvailable: false,
      }),
    },
    rule: 'append-no-passkey-support',
    appendAllow: false,
    tag: 'env-no-pk-support',
  },
  {
    title: 'no platform authenticator, Bluetooth not reported: no hybrid assumed',
    input: {
      ...noPasskeys,
      client: client({ userVerifyingPlatformAuthenticatorAvailable: false }),
    },
    rule: 'append-no-passkey-support',
    appendAllow: false,
    tag: 'env-no-pk-support',
  },
  {
    title: 'native app without platform API and with Bluetooth off',
    input: {
      ...noPasskeys,
      client: client({
        nativeMeta: {
          build: '1.0',
          isPlatformAuthenticatorAPISupported: false,
          isBluetoothAvailable: true,
          isBluetoothOn: false,
        },
      }),
    },
    rule: 'append-no-passkey-support',
    appendAllow: false,
    tag: 'env-no-pk-support',
  },
  {
    title: 'no platform authenticator but Bluetooth: the passkey would live on another device',
    input: {
      ...noPasskeys,
      client: client({
        userVerifyingPlatformAuthenticatorAvailable: false,
        bluetoothAvailable: true,
      }),
    },
    rule: 'append-no-platform-authenticator',
    appendAllow: false,
    tag: 'env-no-platform-pk-support',
  },
  {
    title: 'native app on a device without screen lock',
    input: {
      ...noPasskeys,
      client: client({
        bluetoothAvailable: true,
        nativeMeta: { build: '1.0', deviceSecure: false },
      }),
    },
    rule: 'append-no-platform-authenticator',
    appendAllow: false,
    tag: 'env-no-platform-pk-support',
  },
  {
    title: 'private mode',
    input: { ...noPasskeys, client: client({ privateMode: true }) },
    rule: 'append-restricted-browser',
    appendAllow: false,
    tag: 'env-blacklisted',
  },
  {
    title: 'Instagram in-app browser',
    input: { ...noPasskeys, client: client({ userAgent: userAgents.instagramIos }) },
    rule: 'append-restricted-browser',
    appendAllow: false,
    tag: 'env-blacklisted',
  },
  {
    title: 'Android WebView',
    input: { ...noPasskeys, client: client({ userAgent: userAgents.androidWebView }) },
    rule: 'append-restricted-browser',
    appendAllow: false,
    tag: 'env-blacklisted',
  },
  {
    title: 'the user already has a passkey created in this client environment',
    input: {},
    rule: 'append-passkey-on-this-client',
    appendAllow: false,
    tag: 'user-platform-pk-high-confidence',
  },
  {
    title: 'client environment unknown, a passkey made in the same browser on the same OS',
    input: { clientEnvId: null, credentials: [credential({ clientEnvId: otherEnv })] },
    rule: 'append-passkey-on-this-client',
    appendAllow: false,
    tag: 'user-platform-pk-high-confidence',
  },
  {
    title: 'the authenticator here reported the passkey exists (append-credential-exists)',
    input: { ...noPasskeys, events: [event('append-credential-exists')] },
    rule: 'append-passkey-on-this-client',
    appendAllow: false,
    tag: 'user-platform-pk-high-confidence',
  },
  {
    title: 'the user said no to appends after a cross-device login here',
    input: { ...phoneOnly, events: [event('user-append-after-cross-platform-blacklisted')] },
    rule: 'append-after-hybrid-blacklisted',
    appendAllow: false,
    tag: 'user-append-blacklisted',
    variant: 'after-hybrid',
  },
  {
    title: 'the user said no to appends after a login error here',
    input: { ...phoneOnly, events: [event('user-append-after-login-error-blacklisted')] },
    rule: 'append-after-error-blacklisted',
    appendAllow: false,
    tag: 'user-append-blacklisted',
    variant: 'after-error',
  },
  {
    title: 'three explicit aborts on this client (older than the cooldown): stop asking',
    input: {
      ...phoneOnly,
      events: [2, 5, 40].map((days) =>
        event('append-explicit-abort', { createdAt: now - days * day }),
      ),
    },
    rule: 'append-aborted-repeatedly',
    appendAllow: false,
    tag: 'user-append-blacklisted',
  },
  {
    title: 'three aborts with expiries still ahead count however old they are',
    input: {
      ...phoneOnly,
      events: [1, 2, 3].map((n) =>
        event('append-explicit-abort', {
          createdAt: now - 200 * day - n,
          expires: Math.floor(now / 1000) + 60,
        }),
      ),
    },
    rule: 'append-aborted-repeatedly',
    appendAllow: false,
    tag: 'user-append-blacklisted',
  },
  {
    title: 'one abort an hour ago: the default prompt rests for a day',
    input: { ...phoneOnly, events: [event('append-explicit-abort')] },
    rule: 'append-cooldown',
    appendAllow: false,
    tag: 'user-negative-env-history',
  },
  {
    title: 'after a login error, a refusal of the after-error prompt an hour ago',
    input: {
      ...phoneOnly,
      events: [
        event('login-error', { createdAt: now - 5 * minute }),
        event('user-append-after-login-error-blacklisted', { expires: Math.floor(now / 1000) - 1 }),
        event('login-error', { processId: 'pro-a', createdAt: now - 61 * minute }),
        event('append-explicit-abort', { processId: 'pro-a' }),
      ],
    },
    rule: 'append-cooldown',
    appendAllow: false,
    tag: 'user-negative-env-history',
    variant: 'after-error',
  },
  {
    title: 'a user without passkeys on a capable client',
    input: noPasskeys,
    rule: 'append-first-passkey',
    appendAllow: true,
    tag: 'user-no-pks',
  },
  {
    title: 'a user whose passkeys are all elsewhere',
    input: phoneOnly,
    rule: 'append-passkey-for-this-client',
    appendAllow: true,
    tag: 'user-env-no-pks',
  },
  {
    title: 'a passkey in another known environment with the same browser and OS is not here',
    input: { credentials: [credential({ clientEnvId: otherEnv })] },
    rule: 'append-passkey-for-this-client',
    appendAllow: true,
    tag: 'user-env-no-pks',
  },
  {
    title: 'two aborts (older than the cooldown) are not yet enough to stop asking',
    input: {
      ...phoneOnly,
      events: [2, 5].map((days) => event('append-explicit-abort', { createdAt: now - days * day })),
    },
    rule: 'append-passkey-for-this-client',
    appendAllow: true,
    tag: 'user-env-no-pks',
  },
  {
    title: 'aborts on another client, past the window, or expired do not count',
    input: {
      ...phoneOnly,
      events: [
        event('append-explicit-abort', { clientEnvId: otherEnv }),
        event('append-explicit-abort', { clientEnvId: otherEnv }),
        event('append-explicit-abort', { createdAt: now - 91 * day }),
        event('append-explicit-abort', { expires: Math.floor(now / 1000) }),
        event('user-append-after-cross-platform-blacklisted', { clientEnvId: otherEnv }),
        event('append-credential-exists', { clientEnvId: otherEnv }),
      ],
    },
    rule: 'append-passkey-for-this-client',
    appendAllow: true,
    tag: 'user-env-no-pks',
  },
  {
    title: 'passkeys suspected of being cloned or not active are not counted as the user’s',
    input: {
      credentials: [credential({ suspectedCloneAt: now - day }), credential({ status: 'pending' })],
    },
    rule: 'append-first-passkey',
    appendAllow: true,
    tag: 'user-no-pks',
  },
];

describe('decideAppend rules', () => {
  for (const c of cases) {
    test(`${c.rule}: ${c.title}`, () => {
      const input = { ...decisionInput(c.input), flags: noFlags };
      assert.equal(firstMatchingRule(appendRules, decisionFactsOf(input)).id, c.rule);
      const decision = decideAppend(input);
      assert.equal(decision.appendAllow, c.appendAllow);
      assert.equal(decision.decisionInsights.tag, c.tag);
      assert.equal(decision.decisionInsights.variant, c.variant ?? 'default');
    });
  }

  test('every rule has a case, and the table ends with a rule that always applies', () => {
    const covered = new Set(cases.map((c) => c.rule));
    assert.deepEqual(
      appendRules.map((rule) => rule.id).filter((id) => !covered.has(id)),
      [],
    );
    const last = appendRules.at(-1)!;
    assert.equal(last.applies(decisionFactsOf(decisionInput())), true);
  });
});

describe('decideAppend forcePasskeyAppend', () => {
  const forced = { forcePasskeyAppend: true };

  test('wins over every refusal, keeping the tag that explains it', () => {
    const refusals: Array<[Partial<DecisionInput>, DecisionTag]> = [
      [
        {
          client: client({
            userVerifyingPlatformAuthenticatorAvailable: false,
            bluetoothAvailable: false,
          }),
        },
        'env-no-pk-support',
      ],
      [{ client: client({ privateMode: true }) }, 'env-blacklisted'],
      [{}, 'user-platform-pk-high-confidence'],
      [
        { ...phoneOnly, events: [1, 2, 3].map(() => event('append-explicit-abort')) },
        'user-append-blacklisted',
      ],
    ];
    for (const [input, tag] of refusals) {
      assert.equal(append(input).appendAllow, false, tag);
      const decision = append(input, forced);
      assert.equal(decision.appendAllow, true, tag);
      assert.equal(decision.decisionInsights.tag, tag);
    }
  });

  test('false leaves the rules’ answer alone', () => {
    assert.equal(append(noPasskeys, { forcePasskeyAppend: false }).appendAllow, true);
    assert.equal(append({}, { forcePasskeyAppend: false }).appendAllow, false);
  });
});

describe('decideAppend variant', () => {
  function variantOf(input: Partial<DecisionInput>): AppendVariant {
    return append({ ...noPasskeys, ...input }).decisionInsights.variant;
  }

  test('default without recent trouble', () => {
    assert.equal(variantOf({}), 'default');
    // A login error an hour ago belongs to another sitting.
    assert.equal(variantOf({ events: [event('login-error')] }), 'default');
  });

  test('after-error right after a login error (typed or untyped) on this client', () => {
    for (const type of ['login-error', 'login-error-untyped'] as const) {
      assert.equal(
        variantOf({ events: [event(type, { createdAt: now - 5 * minute })] }),
        'after-error',
      );
    }
    assert.equal(
      variantOf({
        events: [event('login-error', { createdAt: now - 5 * minute, clientEnvId: otherEnv })],
      }),
      'default',
    );
  });

  test('after-no-credential right after a login-no-credentials', () => {
    const events = [event('login-no-credentials', { createdAt: now - 5 * minute })];
    assert.equal(variantOf({ events }), 'after-no-credential');
  });

  test('after-hybrid right after a login with a passkey from elsewhere', () => {
    const justUsed = phonePasskey({ lastUsedAt: now - 2 * minute });
    assert.equal(append({ credentials: [justUsed] }).decisionInsights.variant, 'after-hybrid');
    const usedYesterday = phonePasskey({ lastUsedAt: now - day });
    assert.equal(append({ credentials: [usedYesterday] }).decisionInsights.variant, 'default');
  });

  test('after-error takes precedence over after-hybrid', () => {
    const decision = append({
      credentials: [phonePasskey({ lastUsedAt: now - 2 * minute })],
      events: [event('login-error', { createdAt: now - 3 * minute })],
    });
    assert.equal(decision.decisionInsights.variant, 'after-error');
  });

  test('a cooldown of another variant does not hold this one back', () => {
    const decision = append({
      ...phoneOnly,
      events: [
        event('append-explicit-abort'),
        event('login-error', { createdAt: now - 5 * minute }),
      ],
    });
    assert.equal(decision.decisionInsights.variant, 'after-error');
    assert.equal(decision.detectionInsights.historyData.defaultCooldown, true);
    assert.equal(decision.appendAllow, true);
  });
});

describe('decideAppend insights', () => {
  test('auto only when asked, allowed, and the client can create conditionally', () => {
    const auto = (input: Partial<DecisionInput>, flags: DecideAppendInput['flags']) =>
      append({ ...noPasskeys, ...input }, flags).decisionInsights.auto;
    const ask = { forcePasskeyAppend: false, askForAutoAppend: true };
    assert.equal(auto({}, ask), true);
    assert.equal(auto({}, noFlags), false);
    assert.equal(auto({ client: client({ conditionalMediationAvailable: false }) }, ask), false);
    assert.equal(auto({ events: [1, 2, 3].map(() => event('append-explicit-abort')) }, ask), false);
  });

  test('isRestrictedBrowser is reported whatever rule decides', () => {
    const decision: AppendDecision = append({
      client: client({ privateMode: true, userVerifyingPlatformAuthenticatorAvailable: false }),
    });
    assert.equal(decision.decisionInsights.tag, 'env-no-pk-support');
    assert.equal(decision.decisionInsights.isRestrictedBrowser, true);
    assert.equal(append(noPasskeys).decisionInsights.isRestrictedBrowser, false);
  });

  test('detection insights list the user’s passkeys and where they were made', () => {
    const here = credential();
    const phone = phonePasskey();
    const decision = append({ credentials: [here, phone, credential()] });
    assert.deepEqual(decision.detectionInsights.credentialIds.length, 3);
    assert.ok(decision.detectionInsights.credentialIds.includes(phone.id));
    assert.deepEqual(
      decision.detectionInsights.clientEnvIds.sort(),
      [here.clientEnvId, otherEnv].sort(),
    );
  });
});
