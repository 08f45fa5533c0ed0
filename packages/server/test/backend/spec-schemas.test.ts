import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertMatchesSpec, specProblems, specSchemaNames } from '../support/spec-schemas.js';

// The response checks of the Backend API suites are only as good as this helper: make sure it
// resolves the spec's $refs and actually rejects bodies that break the schemas.

const requestData = { requestID: 'req-1234567890123456789', link: '' };
const user = {
  userID: 'usr-4693224802260150919',
  fullName: 'Jane Doe',
  status: 'active',
  updated: '2026-01-01T00:00:00Z',
  updatedMs: 1767225600000,
};
const aggregate = {
  ...user,
  emailIdentifiers: [],
  phoneNumberIdentifiers: [],
  usernameIdentifiers: [],
  socialAccounts: [],
  created: '2026-01-01T00:00:00Z',
  createdMS: 1767225600000,
};

describe('spec schema helper', () => {
  test('knows the schemas of both files', () => {
    const names = specSchemaNames();
    for (const name of ['user', 'userAggregate', 'userList', 'genericRsp', 'errorRsp', 'paging']) {
      assert.ok(names.includes(name), name);
    }
  });

  test('accepts bodies that match', () => {
    assertMatchesSpec('user', user);
    assertMatchesSpec('userAggregate', aggregate);
    assertMatchesSpec('userList', {
      users: [aggregate],
      paging: { page: 1, totalPages: 1, totalItems: 1 },
    });
    assertMatchesSpec('genericRsp', {
      httpStatusCode: 200,
      message: 'OK',
      requestData,
      runtime: 0.001,
    });
    assertMatchesSpec('errorRsp', {
      httpStatusCode: 400,
      message: 'status: is required',
      requestData,
      runtime: 0,
      error: {
        type: 'validation_error',
        code: 'VALIDATION_FAILED',
        details: 'status: is required',
        validation: [{ field: 'status', message: 'is required' }],
        links: [],
      },
    });
  });

  test('rejects missing required fields, wrong types and enums', () => {
    const { userID: _, ...noId } = user;
    assert.ok(specProblems('user', noId).some((p) => p.includes('userID')));
    assert.ok(specProblems('user', { ...user, status: 'deleted' }).length > 0);
    assert.ok(specProblems('user', { ...user, updatedMs: '1767225600000' }).length > 0);
    assert.ok(specProblems('user', { ...user, updatedMs: 1.5 }).length > 0);
    assert.ok(
      specProblems('errorRsp', { httpStatusCode: 400, message: 'x', requestData, runtime: 0 })
        .length > 0,
    );
    assert.ok(
      specProblems('errorRsp', {
        httpStatusCode: 400,
        message: 'x',
        requestData,
        runtime: 0,
        error: { type: 'x', validation: [{ field: 'a' }] },
      }).length > 0,
    );
  });

  test('follows refs into common.yml', () => {
    const problems = specProblems('userList', { users: [], paging: { page: 1 } });
    assert.ok(
      problems.some((p) => p.includes('totalItems')),
      problems.join('; '),
    );
    const deep = specProblems('userList', {
      users: [{ ...aggregate, emailIdentifiers: [{}] }],
      paging: { page: 1, totalPages: 1, totalItems: 1 },
    });
    assert.ok(
      deep.some((p) => p.includes('/users/0/emailIdentifiers/0')),
      deep.join('; '),
    );
  });

  test('rejects undeclared properties unless told not to', () => {
    const { createdMS, ...rest } = aggregate;
    const misspelt = { ...rest, createdMs: createdMS };
    const problems = specProblems('userAggregate', misspelt);
    assert.ok(
      problems.some((p) => p.includes('createdMS')),
      problems.join('; '),
    );
    assert.ok(
      problems.some((p) => p.includes('createdMs')),
      problems.join('; '),
    );
    assert.ok(specProblems('user', { ...user, projectID: 'pro-1' }).length > 0);
    assert.deepEqual(
      specProblems('user', { ...user, projectID: 'pro-1' }, { allowAdditionalProperties: true }),
      [],
    );
  });

  test('names an unknown schema', () => {
    assert.throws(() => assertMatchesSpec('noSuchSchema', {}), /noSuchSchema/);
  });
});
