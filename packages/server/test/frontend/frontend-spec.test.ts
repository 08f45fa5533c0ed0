import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockBodyProblems } from '../support/frontend-spec.js';

const completed = (data: Record<string, unknown>) => ({
  block: 'completed',
  authType: 'login',
  data: { blockType: 'completed', shortSession: 'x', ...data },
});

test('the spec_v2.yaml block check: documented exceptions pass, anything else fails', () => {
  assert.deepEqual(blockBodyProblems(completed({ sessionToken: 'x' })), []);
  assert.deepEqual(
    blockBodyProblems(completed({ error: { code: 'c', message: 'm' } })),
    [],
    'error in data is allowed as a requestError',
  );
  assert.match(blockBodyProblems(completed({ error: { code: 1 } })).join(), /data\.error/);
  assert.match(blockBodyProblems(completed({ leaked: 1 })).join(), /leaked/);
  assert.match(
    blockBodyProblems({
      block: 'completed',
      authType: 'login',
      data: { blockType: 'completed' },
    }).join(),
    /shortSession/,
  );
  assert.match(blockBodyProblems({ ...completed({}), authType: 'guest' }).join(), /authType/);
  assert.match(
    blockBodyProblems({
      block: 'passkey-append',
      authType: 'signup',
      data: {
        blockType: 'passkey-append',
        challenge: '{}',
        identifierValue: 'a@example.com',
        identifierType: 'email',
        autoSubmit: true,
        passkeyIconSet: 'default',
        variant: 'after-no-credential',
      },
    }).join(),
    /variant/,
    "the variant enum is the spec's",
  );
  assert.match(
    blockBodyProblems({
      ...completed({}),
      alternatives: [{ block: 'lobby', authType: 'login', data: {} }],
    }).join(),
    /alternatives\[0\]\.block/,
  );
});
