import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  client,
  day,
  decisionInput,
  event,
  minute,
  now,
  otherEnv,
} from '../../../../test/support/decision-fixtures.js';
import { appendCooldownMs } from './decision-limits.js';
import { eventHistoryOf } from './event-history.js';

const seconds = (ms: number) => Math.floor(ms / 1000);

describe('eventHistoryOf', () => {
  test('no events: all counts 0, no cooldowns', () => {
    assert.deepEqual(eventHistoryOf(decisionInput()).historyData, {
      defaultCount: 0,
      afterErrorCount: 0,
      afterHybridCount: 0,
      autoCount: 0,
      defaultCooldown: false,
      afterErrorCooldown: false,
      afterHybridCooldown: false,
      autoCooldown: false,
    });
  });

  test('refusals are counted per variant; an abort in a process with a login error is after-error', () => {
    const history = eventHistoryOf(
      decisionInput({
        events: [
          event('append-explicit-abort', { createdAt: now - 3 * day }),
          event('append-explicit-abort', { createdAt: now - 2 * day, processId: 'pro-x' }),
          event('login-error', { createdAt: now - 2 * day - minute, processId: 'pro-x' }),
          event('append-explicit-abort', { createdAt: now - 10 * minute, processId: 'pro-y' }),
          event('login-error-untyped', { createdAt: now - 11 * minute, processId: 'pro-y' }),
          event('user-append-after-login-error-blacklisted', { createdAt: now - 5 * day }),
          event('user-append-after-cross-platform-blacklisted', { createdAt: now - 4 * day }),
          event('user-append-after-cross-platform-blacklisted', { createdAt: now - minute }),
          event('append-error'),
        ],
      }),
    );
    assert.deepEqual(history.historyData, {
      defaultCount: 1,
      afterErrorCount: 3,
      afterHybridCount: 2,
      autoCount: 0,
      defaultCooldown: false,
      afterErrorCooldown: true,
      afterHybridCooldown: true,
      autoCooldown: false,
    });
    assert.equal(history.appendAborts, 3);
    assert.equal(history.appendAfterErrorBlacklisted, true);
    assert.equal(history.appendAfterHybridBlacklisted, true);
  });

  test('a variant cools down for appendCooldownMs after its latest refusal', () => {
    const at = (age: number) =>
      eventHistoryOf(
        decisionInput({ events: [event('append-explicit-abort', { createdAt: now - age })] }),
      ).historyData.defaultCooldown;
    assert.equal(at(0), true);
    assert.equal(at(appendCooldownMs - 1), true);
    assert.equal(at(appendCooldownMs), false);
  });

  test('only events of this client count: by cle- ID, by clientEnvHandle, or naming no client', () => {
    const input = decisionInput({
      client: client({ clientEnvHandle: 'handle-abc' }),
      events: [
        event('append-explicit-abort'),
        event('append-explicit-abort', { clientEnvId: 'handle-abc' }),
        event('append-explicit-abort', { clientEnvId: null }),
        event('append-explicit-abort', { clientEnvId: otherEnv }),
        event('user-login-blacklisted', { clientEnvId: otherEnv }),
        event('login-error', { clientEnvId: otherEnv }),
      ],
    });
    const history = eventHistoryOf(input);
    assert.equal(history.appendAborts, 3);
    assert.equal(history.loginBlacklisted, false);
    assert.equal(history.loginFailures, 0);
    // A client seen for the first time has no cle- ID: only events naming no client are its.
    const fresh = eventHistoryOf({ ...input, clientEnvId: null, client: client() });
    assert.equal(fresh.appendAborts, 1);
  });

  test('expires decides when set; otherwise the window', () => {
    const history = eventHistoryOf(
      decisionInput({
        events: [
          event('user-login-blacklisted', { expires: seconds(now) }),
          event('login-error', { createdAt: now - 30 * day, expires: seconds(now) + 1 }),
          event('login-error', { createdAt: now - 8 * day }),
          event('login-error', { createdAt: now - 6 * day }),
        ],
      }),
    );
    assert.equal(history.loginBlacklisted, false);
    assert.equal(history.loginFailures, 2);
  });

  test('recent login trouble is within the variant window and not expired', () => {
    const recent = (overrides: Parameters<typeof event>[1]) =>
      eventHistoryOf(decisionInput({ events: [event('login-error', overrides)] })).recentLoginError;
    assert.equal(recent({ createdAt: now - 14 * minute }), true);
    assert.equal(recent({ createdAt: now - 15 * minute }), false);
    assert.equal(recent({ createdAt: now - minute, expires: seconds(now) }), false);
  });
});
