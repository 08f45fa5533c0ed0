import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionModules } from './actions/index.js';
import {
  allowsTransition,
  blockTypes,
  checkProcessTable,
  offers,
  processTable,
} from './process-table.js';
import { validateProcessTable } from './run-process-step.js';
import { stateModules } from './states/index.js';

const implemented = { states: Object.keys(stateModules), actions: Object.keys(actionModules) };

test('the process table is sound: every block has a module, is reachable and can reach completed', () => {
  assert.deepEqual(checkProcessTable(processTable, implemented), []);
  assert.doesNotThrow(validateProcessTable);
  assert.deepEqual(Object.keys(processTable).sort(), [...blockTypes].sort());
  for (const block of blockTypes) assert.equal(stateModules[block].block, block);
});

test('checkProcessTable names each kind of problem', () => {
  const problems = checkProcessTable(
    {
      'signup-init': { signupInit: ['passkey-append', 'nowhere' as never] },
      'login-init': { loginInit: ['login-init'] },
      'passkey-append': { skip: [] },
      island: { complete: ['completed'] },
      completed: { reset: ['signup-init'] },
    },
    {
      states: ['signup-init', 'login-init', 'passkey-append', 'completed'],
      actions: ['signupInit'],
    },
  );
  const expected = [
    'block island has no state module',
    'action loginInit (offered on login-init) has no action module',
    'signup-init --signupInit--> unknown nowhere',
    'action skip on passkey-append leads nowhere',
    'block island cannot be reached from the start',
    'block login-init cannot reach completed',
    'block passkey-append cannot reach completed',
    'final completed offers actions',
  ];
  for (const problem of expected)
    assert.ok(problems.includes(problem), `${problem} in ${problems.join(' | ')}`);
});

test('offers and allowsTransition read the table: staying put is listed, shortcuts are not', () => {
  assert.ok(offers('email-verify', 'identifierVerifyFinish'));
  assert.ok(!offers('signup-init', 'skip'));
  assert.ok(!offers('completed', 'reset'));
  assert.ok(allowsTransition('email-verify', 'identifierVerifyFinish', 'email-verify'));
  assert.ok(allowsTransition('passkey-verify', 'passkeyLoginFinish', 'completed'));
  assert.ok(!allowsTransition('signup-init', 'signupInit', 'completed'));
  assert.ok(!allowsTransition('login-init', 'loginInit', 'completed'));
});
