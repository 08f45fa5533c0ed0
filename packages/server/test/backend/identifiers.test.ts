import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, queryString, type TestServer } from '../support/test-server.js';

interface WireIdentifier {
  identifierID: string;
  type: string;
  value: string;
  status: string;
  userID: string;
}

interface WireIdentifierList {
  identifiers: WireIdentifier[];
  paging: { page: number; totalPages: number; totalItems: number };
}

type Query = Record<string, string | number | string[]>;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describeEachDatabase('Backend API identifiers', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  const as = (authorization: string) => ({
    createUser: async (fullName = 'Identifier Owner') =>
      assertOk<{ userID: string }>(
        await server.app.inject({
          method: 'POST',
          url: '/v2/users',
          headers: { authorization },
          payload: { status: 'active', fullName },
        }),
        'user',
      ).userID,
    create: (userID: string, payload: unknown) =>
      server.app.inject({
        method: 'POST',
        url: `/v2/users/${userID}/identifiers`,
        headers: { authorization },
        payload: payload as Record<string, unknown>,
      }),
    update: (userID: string, identifierID: string, payload: unknown) =>
      server.app.inject({
        method: 'PATCH',
        url: `/v2/users/${userID}/identifiers/${identifierID}`,
        headers: { authorization },
        payload: payload as Record<string, unknown>,
      }),
    remove: (userID: string, identifierID: string) =>
      server.app.inject({
        method: 'DELETE',
        url: `/v2/users/${userID}/identifiers/${identifierID}`,
        headers: { authorization },
      }),
    list: (query: Query = {}) =>
      server.app.inject({
        method: 'GET',
        url: `/v2/identifiers${queryString(query)}`,
        headers: { authorization },
      }),
  });
  const api = () => as(server.authorization);

  /** Every identifier row of a project, straight from the database. */
  const rowsOf = (projectId: string) =>
    server.deps.db
      .selectFrom('identifiers')
      .select(['id', 'user_id', 'type', 'value', 'status', 'updated_at'])
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();

  const createOk = async (userID: string, type: string, value: string, status = 'verified') =>
    assertOk<WireIdentifier>(
      await api().create(userID, { identifierType: type, identifierValue: value, status }),
      'identifier',
    );

  test('creates email, phone and username identifiers, normalised', async () => {
    const userID = await api().createUser();
    const email = await createOk(userID, 'email', '  Jane.Doe@Example.COM ', 'primary');
    assert.match(email.identifierID, /^ide-\d{19}$/);
    assert.deepEqual(email, {
      identifierID: email.identifierID,
      type: 'email',
      value: 'jane.doe@example.com',
      status: 'primary',
      userID,
    });
    const phone = await createOk(userID, 'phone', '+49 (151) 123-456 78', 'pending');
    assert.equal(phone.value, '+4915112345678');
    assert.equal(phone.type, 'phone');
    assert.equal(phone.status, 'pending');
    const username = await createOk(userID, 'username', 'Jane_Doe.42');
    assert.equal(username.value, 'jane_doe.42');
    assert.equal(username.status, 'verified');

    const rows = await rowsOf(server.project.id);
    const mine = rows.filter((row) => row.user_id === userID);
    assert.deepEqual(mine.map((row) => row.value).sort(compareText), [
      '+4915112345678',
      'jane.doe@example.com',
      'jane_doe.42',
    ]);
  });

  test('form-encoded bodies work like JSON', async () => {
    const userID = await api().createUser();
    const response = await server.app.inject({
      method: 'POST',
      url: `/v2/users/${userID}/identifiers`,
      headers: {
        authorization: server.authorization,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'identifierType=email&identifierValue=form%40example.com&status=pending',
    });
    assert.equal(assertOk<WireIdentifier>(response, 'identifier').value, 'form@example.com');
  });

  test('bad bodies are 400 naming the field, and write nothing', async () => {
    const userID = await api().createUser();
    const valid = {
      identifierType: 'email',
      identifierValue: 'ok@example.com',
      status: 'verified',
    };
    const cases: { payload: unknown; field: string }[] = [
      { payload: {}, field: 'identifierType' },
      { payload: { ...valid, identifierType: undefined }, field: 'identifierType' },
      { payload: { ...valid, identifierValue: undefined }, field: 'identifierValue' },
      { payload: { ...valid, status: undefined }, field: 'status' },
      { payload: { ...valid, identifierType: 'fax' }, field: 'identifierType' },
      { payload: { ...valid, identifierType: 'EMAIL' }, field: 'identifierType' },
      { payload: { ...valid, identifierType: 1 }, field: 'identifierType' },
      { payload: { ...valid, status: 'active' }, field: 'status' },
      { payload: { ...valid, status: 'Primary' }, field: 'status' },
      { payload: { ...valid, status: ['verified', 'pending'] }, field: 'status' },
      { payload: { ...valid, identifierValue: 42 }, field: 'identifierValue' },
      { payload: { ...valid, identifierValue: null }, field: 'identifierValue' },
      { payload: { ...valid, identifierValue: { a: 1 } }, field: 'identifierValue' },
      { payload: { ...valid, identifierValue: '' }, field: 'identifierValue' },
      {
        payload: { ...valid, identifierValue: `${'a'.repeat(321)}@example.com` },
        field: 'identifierValue',
      },
      { payload: { ...valid, identifierValue: 'not-an-email' }, field: 'identifierValue' },
      { payload: { ...valid, identifierValue: 'a@b@example.com' }, field: 'identifierValue' },
      { payload: { ...valid, identifierValue: 'x\u0000@example.com' }, field: 'identifierValue' },
      {
        payload: { ...valid, identifierValue: `${'l'.repeat(65)}@x.com` },
        field: 'identifierValue',
      },
      {
        payload: { identifierType: 'phone', identifierValue: '015112345678', status: 'pending' },
        field: 'identifierValue',
      },
      {
        payload: { identifierType: 'phone', identifierValue: '+49 151', status: 'pending' },
        field: 'identifierValue',
      },
      {
        payload: { identifierType: 'phone', identifierValue: '+1 800 FLOWERS', status: 'pending' },
        field: 'identifierValue',
      },
      {
        payload: {
          identifierType: 'phone',
          identifierValue: 'jane@example.com',
          status: 'pending',
        },
        field: 'identifierValue',
      },
      {
        payload: { identifierType: 'username', identifierValue: 'ab', status: 'pending' },
        field: 'identifierValue',
      },
      {
        payload: { identifierType: 'username', identifierValue: 'jane@doe.com', status: 'pending' },
        field: 'identifierValue',
      },
      {
        payload: { identifierType: 'username', identifierValue: 'u'.repeat(65), status: 'pending' },
        field: 'identifierValue',
      },
    ];
    for (const { payload, field } of cases) {
      const label = JSON.stringify(payload);
      assertError(await api().create(userID, payload), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label,
      });
    }
    assertError(await api().create('usr-abc', valid), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'userID',
    });
    assertError(await api().create(`usr-${'1'.repeat(70)}`, valid), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'userID',
    });
    assert.deepEqual(
      (await rowsOf(server.project.id)).filter((row) => row.user_id === userID),
      [],
    );
  });

  test('a phone number without + asks for the international format', async () => {
    const userID = await api().createUser();
    const error = assertError(
      await api().create(userID, {
        identifierType: 'phone',
        identifierValue: '0151 12345678',
        status: 'pending',
      }),
      { status: 400, code: 'VALIDATION_FAILED', field: 'identifierValue' },
    );
    assert.match(error.error.validation?.[0]?.message ?? '', /international format/);
  });

  test('unknown users and users of another project are 404 and nothing is written', async () => {
    const other = await server.createProject('Other identifiers');
    const foreignUser = await as(other.authorization).createUser();
    const payload = {
      identifierType: 'email',
      identifierValue: 'nobody@example.com',
      status: 'verified',
    };
    assertError(await api().create('usr-1234567890123456789', payload), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(await api().create(foreignUser, payload), { status: 404, code: 'USER_NOT_FOUND' });
    assert.deepEqual(await rowsOf(other.project.id), []);
    assert.ok(!(await rowsOf(server.project.id)).some((row) => row.value === 'nobody@example.com'));
  });

  test('a value is unique per project and type: 409 DUPLICATE_VALUE naming identifierValue', async () => {
    const first = await api().createUser('First');
    const second = await api().createUser('Second');
    const original = await createOk(first, 'email', 'taken@example.com');
    for (const [userID, value] of [
      [first, 'taken@example.com'],
      [first, ' TAKEN@Example.com'],
      [second, 'Taken@example.com'],
    ] as const) {
      assertError(
        await api().create(userID, {
          identifierType: 'email',
          identifierValue: value,
          status: 'pending',
        }),
        { status: 409, code: 'DUPLICATE_VALUE', field: 'identifierValue', type: 'conflict' },
      );
    }
    await createOk(first, 'phone', '+4915112340000');
    assertError(
      await api().create(second, {
        identifierType: 'phone',
        identifierValue: '+49 151 12340000',
        status: 'pending',
      }),
      { status: 409, code: 'DUPLICATE_VALUE', field: 'identifierValue' },
    );
    await createOk(first, 'username', 'taken');
    assertError(
      await api().create(second, {
        identifierType: 'username',
        identifierValue: 'TAKEN',
        status: 'pending',
      }),
      { status: 409, code: 'DUPLICATE_VALUE', field: 'identifierValue' },
    );
    const rows = (await rowsOf(server.project.id)).filter((row) =>
      ['taken@example.com', '+4915112340000', 'taken'].includes(row.value),
    );
    assert.equal(rows.length, 3);
    assert.ok(rows.every((row) => row.user_id === first));
    assert.equal(rows.find((row) => row.value === 'taken@example.com')?.id, original.identifierID);

    // Another project may use the same value.
    const other = await server.createProject('Same value elsewhere');
    const otherUser = await as(other.authorization).createUser();
    assertOk(
      await as(other.authorization).create(otherUser, {
        identifierType: 'email',
        identifierValue: 'taken@example.com',
        status: 'verified',
      }),
      'identifier',
    );
  });

  test('concurrent creates of one value: exactly one wins', async () => {
    const users = await Promise.all([1, 2, 3, 4, 5, 6].map(() => api().createUser('Racer')));
    const responses = await Promise.all(
      users.map((userID) =>
        api().create(userID, {
          identifierType: 'email',
          identifierValue: 'race@example.com',
          status: 'pending',
        }),
      ),
    );
    const winners = responses.filter((response) => response.statusCode === 200);
    assert.equal(winners.length, 1, responses.map((r) => r.statusCode).join(','));
    for (const response of responses) {
      if (response.statusCode === 200) assertOk(response, 'identifier');
      else assertError(response, { status: 409, code: 'DUPLICATE_VALUE' });
    }
    const rows = (await rowsOf(server.project.id)).filter(
      (row) => row.value === 'race@example.com',
    );
    assert.equal(rows.length, 1);
  });

  test('PATCH sets the status; bad input, other users and other projects change nothing', async () => {
    const owner = await api().createUser('Owner');
    const stranger = await api().createUser('Stranger');
    const identifier = await createOk(owner, 'email', 'status@example.com', 'pending');
    server.clock.advance(1000);
    const verified = assertOk<WireIdentifier>(
      await api().update(owner, identifier.identifierID, { status: 'verified' }),
      'identifier',
    );
    assert.deepEqual(verified, { ...identifier, status: 'verified' });
    const bareOwner = owner.slice('usr-'.length);
    const bareId = identifier.identifierID.slice('ide-'.length);
    const primary = assertOk<WireIdentifier>(
      await api().update(bareOwner, bareId, { status: 'primary', value: 'x@example.com' }),
      'identifier',
    );
    assert.deepEqual(primary, { ...identifier, status: 'primary' });

    const before = await rowsOf(server.project.id);
    const badBodies: { payload: unknown; field: string }[] = [
      { payload: {}, field: 'status' },
      { payload: { status: 'active' }, field: 'status' },
      { payload: { status: 7 }, field: 'status' },
      { payload: { status: null }, field: 'status' },
      { payload: { status: 'x'.repeat(5000) }, field: 'status' },
    ];
    for (const { payload, field } of badBodies) {
      assertError(await api().update(owner, identifier.identifierID, payload), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
        label: JSON.stringify(payload),
      });
    }
    assertError(await api().update(owner, 'ide-abc', { status: 'verified' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'identifierID',
    });
    assertError(await api().update(owner, `usr-${bareId}`, { status: 'verified' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'identifierID',
    });
    assertError(await api().update('nope', identifier.identifierID, { status: 'verified' }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'userID',
    });
    assertError(await api().update(owner, 'ide-1234567890123456789', { status: 'verified' }), {
      status: 404,
      code: 'IDENTIFIER_NOT_FOUND',
    });
    // The identifier exists, but not under this user.
    assertError(await api().update(stranger, identifier.identifierID, { status: 'pending' }), {
      status: 404,
      code: 'IDENTIFIER_NOT_FOUND',
    });
    assertError(
      await api().update('usr-1234567890123456789', identifier.identifierID, {
        status: 'pending',
      }),
      { status: 404, code: 'USER_NOT_FOUND' },
    );
    // Another project: neither its own user nor ours reaches our identifier.
    const other = await server.createProject('Other PATCH');
    const otherUser = await as(other.authorization).createUser();
    assertError(
      await as(other.authorization).update(otherUser, identifier.identifierID, {
        status: 'pending',
      }),
      { status: 404, code: 'IDENTIFIER_NOT_FOUND' },
    );
    assertError(
      await as(other.authorization).update(owner, identifier.identifierID, { status: 'pending' }),
      { status: 404, code: 'USER_NOT_FOUND' },
    );
    assert.deepEqual(await rowsOf(server.project.id), before);
  });

  test('DELETE removes one identifier; others, other users and other projects are untouched', async () => {
    const owner = await api().createUser('Deleter');
    const stranger = await api().createUser('Bystander');
    const email = await createOk(owner, 'email', 'gone@example.com');
    const username = await createOk(owner, 'username', 'stays');
    const other = await server.createProject('Other DELETE');
    const otherUser = await as(other.authorization).createUser();

    const before = await rowsOf(server.project.id);
    assertError(await api().remove(stranger, email.identifierID), {
      status: 404,
      code: 'IDENTIFIER_NOT_FOUND',
    });
    assertError(await as(other.authorization).remove(otherUser, email.identifierID), {
      status: 404,
      code: 'IDENTIFIER_NOT_FOUND',
    });
    assertError(await as(other.authorization).remove(owner, email.identifierID), {
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    assertError(await api().remove(owner, 'ide-x'), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'identifierID',
    });
    assertError(await api().remove('usr-', email.identifierID), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'userID',
    });
    assert.deepEqual(await rowsOf(server.project.id), before);

    assertOk(await api().remove(owner, email.identifierID), 'genericRsp');
    assertError(await api().remove(owner, email.identifierID), {
      status: 404,
      code: 'IDENTIFIER_NOT_FOUND',
    });
    const after = await rowsOf(server.project.id);
    assert.ok(!after.some((row) => row.id === email.identifierID));
    assert.ok(after.some((row) => row.id === username.identifierID));
    // The value is free again.
    const again = await createOk(stranger, 'email', 'gone@example.com');
    assert.notEqual(again.identifierID, email.identifierID);
    // Bare numbers work in the path.
    assertOk(await api().remove(stranger.slice(4), again.identifierID.slice(4)), 'genericRsp');
  });

  test('/openapi.json documents the identifier and social account operations', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    const document = JSON.parse(response.body) as {
      paths: Record<string, Record<string, { operationId?: string; security?: unknown }>>;
    };
    const expected: Record<string, Record<string, string>> = {
      '/v2/users/{userID}/identifiers': { post: 'IdentifierCreate' },
      '/v2/users/{userID}/identifiers/{identifierID}': {
        patch: 'IdentifierUpdate',
        delete: 'IdentifierDelete',
      },
      '/v2/identifiers': { get: 'IdentifierList' },
      '/v2/users/{userID}/socialAccounts': {
        get: 'UserSocialAccountList',
        post: 'SocialAccountCreate',
      },
      '/v2/socialAccounts': { get: 'SocialAccountList' },
    };
    for (const [path, methods] of Object.entries(expected)) {
      for (const [method, operationId] of Object.entries(methods)) {
        const operation = document.paths[path]?.[method];
        assert.equal(operation?.operationId, operationId, `${method} ${path}`);
        assert.deepEqual(operation?.security, [{ basicAuth: [] }]);
      }
    }
  });

  test('deleting a user deletes its identifiers (ON DELETE CASCADE)', async () => {
    const userID = await api().createUser('Cascade');
    await createOk(userID, 'email', 'cascade@example.com');
    await createOk(userID, 'phone', '+14155552671');
    assert.equal((await rowsOf(server.project.id)).filter((r) => r.user_id === userID).length, 2);
    assertOk(
      await server.app.inject({
        method: 'DELETE',
        url: `/v2/users/${userID}`,
        headers: { authorization: server.authorization },
      }),
      'genericRsp',
    );
    assert.deepEqual(
      (await rowsOf(server.project.id)).filter((r) => r.user_id === userID),
      [],
    );
    const list = assertOk<WireIdentifierList>(
      await api().list({ 'filter[]': `userID:eq:${userID}` }),
      'identifierList',
    );
    assert.deepEqual(list.identifiers, []);
    // The values can be used again.
    const next = await api().createUser('Next');
    await createOk(next, 'email', 'cascade@example.com');
  });
});

describeEachDatabase('Backend API identifier list', (kind) => {
  let server: TestServer;
  let authorization: string;
  const users: string[] = [];
  const all: WireIdentifier[] = [];

  const list = (query: Query = {}, auth = authorization) =>
    server.app.inject({
      method: 'GET',
      url: `/v2/identifiers${queryString(query)}`,
      headers: { authorization: auth },
    });
  const listOk = async (query: Query = {}) =>
    assertOk<WireIdentifierList>(await list(query), 'identifierList');
  const ids = (items: WireIdentifier[]) => items.map((item) => item.identifierID);
  const filtered = async (filter: string[], query: Query = {}) =>
    (await listOk({ 'filter[]': filter, pageSize: 100, ...query })).identifiers;

  before(async () => {
    server = await createTestServer(kind);
    const project = await server.createProject('Identifier list');
    authorization = project.authorization;
    for (let i = 0; i < 3; i++) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: { authorization },
        payload: { status: 'active', fullName: `Lister ${i}` },
      });
      users.push(assertOk<{ userID: string }>(response, 'user').userID);
    }
    const values: [number, string, string][] = [
      [0, 'email', 'alice@example.com'],
      [0, 'phone', '+4915112345678'],
      [0, 'username', 'alice'],
      [1, 'email', 'bob@example.org'],
      [1, 'email', 'bob.work@example.com'],
      [1, 'username', 'bobby'],
      [2, 'phone', '+14155552671'],
      [2, 'email', 'carol@example.net'],
      [2, 'username', 'carol_c'],
      [2, 'phone', '+447911123456'],
      [0, 'email', 'alice.two@example.com'],
      [1, 'phone', '+33612345678'],
    ];
    for (const [user, type, value] of values) {
      const response = await server.app.inject({
        method: 'POST',
        url: `/v2/users/${users[user]}/identifiers`,
        headers: { authorization },
        payload: { identifierType: type, identifierValue: value, status: 'verified' },
      });
      all.push(assertOk<WireIdentifier>(response, 'identifier'));
      server.clock.advance(1000);
    }
    // Noise in another project, which must never show up.
    const other = await server.createProject('Noise');
    const noiseUser = assertOk<{ userID: string }>(
      await server.app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: { authorization: other.authorization },
        payload: { status: 'active' },
      }),
      'user',
    ).userID;
    assertOk(
      await server.app.inject({
        method: 'POST',
        url: `/v2/users/${noiseUser}/identifiers`,
        headers: { authorization: other.authorization },
        payload: {
          identifierType: 'email',
          identifierValue: 'alice@example.com',
          status: 'verified',
        },
      }),
      'identifier',
    );
  });
  after(async () => {
    await server.close();
  });

  test('lists the project identifiers oldest first with paging', async () => {
    const result = await listOk({ pageSize: 100 });
    assert.deepEqual(ids(result.identifiers), ids(all));
    assert.deepEqual(result.paging, { page: 1, totalPages: 1, totalItems: all.length });
    const defaults = await listOk();
    assert.equal(defaults.identifiers.length, 10);
    assert.deepEqual(defaults.paging, { page: 1, totalPages: 2, totalItems: all.length });
    const page2 = await listOk({ page: 2, pageSize: 5 });
    assert.deepEqual(ids(page2.identifiers), ids(all.slice(5, 10)));
    assert.deepEqual(page2.paging, { page: 2, totalPages: 3, totalItems: all.length });
    const past = await listOk({ page: 9, pageSize: 5 });
    assert.deepEqual(past.identifiers, []);
    assert.equal((await listOk({ pageSize: 1000 })).identifiers.length, all.length);
    // The Node SDK sends an empty sort.
    assert.deepEqual(ids((await listOk({ sort: '', pageSize: 100 })).identifiers), ids(all));
  });

  test('filter by userID, with or without the usr- prefix', async () => {
    for (const [index, userID] of users.entries()) {
      const expected = ids(all.filter((item) => item.userID === userID));
      assert.ok(expected.length > 0);
      assert.deepEqual(ids(await filtered([`userID:eq:${userID}`])), expected, `user ${index}`);
      assert.deepEqual(ids(await filtered([`userID:eq:${userID.slice(4)}`])), expected);
    }
    assert.deepEqual(await filtered(['userID:eq:1234567890123456789']), []);
  });

  test('filter by identifierType and identifierValue (as the Node SDK does)', async () => {
    for (const type of ['email', 'phone', 'username']) {
      assert.deepEqual(
        ids(await filtered([`identifierType:eq:${type}`])),
        ids(all.filter((item) => item.type === type)),
        type,
      );
    }
    const alice = all.find((item) => item.value === 'alice@example.com')!;
    assert.deepEqual(
      ids(await filtered(['identifierValue:eq:alice@example.com', 'identifierType:eq:email'])),
      [alice.identifierID],
    );
    // Values are compared in their normal form.
    assert.deepEqual(ids(await filtered(['identifierValue:eq:ALICE@Example.com'])), [
      alice.identifierID,
    ]);
    const phone = all.find((item) => item.value === '+4915112345678')!;
    assert.deepEqual(ids(await filtered(['identifierValue:eq:+49 151 12345678'])), [
      phone.identifierID,
    ]);
    assert.deepEqual(
      await filtered(['identifierValue:eq:alice@example.com', 'identifierType:eq:username']),
      [],
    );
    assert.deepEqual(
      ids(await filtered([`userID:eq:${users[2]!.slice(4)}`, 'identifierType:eq:phone'])),
      ids(all.filter((item) => item.userID === users[2] && item.type === 'phone')),
    );
    // gt and lt compare the stored text.
    assert.deepEqual(
      ids(await filtered(['identifierValue:gt:carol'], { sort: 'identifierValue:asc' })),
      ids(all.filter((item) => item.value > 'carol').sort((a, b) => compareText(a.value, b.value))),
    );
    assert.deepEqual(
      ids(await filtered(['identifierValue:lt:B'], { sort: 'identifierValue:asc' })),
      ids(all.filter((item) => item.value < 'b').sort((a, b) => compareText(a.value, b.value))),
    );
    // A value with colons is fine.
    assert.deepEqual(await filtered(['identifierValue:eq:a:b:c']), []);
  });

  const sorters: Record<string, (a: WireIdentifier, b: WireIdentifier) => number> = {
    userID: (a, b) =>
      compareText(a.userID, b.userID) || compareText(a.identifierID, b.identifierID),
    identifierType: (a, b) =>
      compareText(a.type, b.type) || compareText(a.identifierID, b.identifierID),
    identifierValue: (a, b) =>
      compareText(a.value, b.value) || compareText(a.identifierID, b.identifierID),
  };
  for (const [field, compare] of Object.entries(sorters)) {
    test(`sort by ${field} ascending and descending, stable across pages`, async () => {
      const expected = ids([...all].sort(compare));
      const pages: WireIdentifier[] = [];
      for (let page = 1; page <= 3; page++) {
        pages.push(...(await listOk({ sort: `${field}:asc`, page, pageSize: 5 })).identifiers);
      }
      assert.deepEqual(ids(pages), expected);
      assert.deepEqual(
        ids((await listOk({ sort: `${field}:desc`, pageSize: 100 })).identifiers),
        [...expected].reverse(),
      );
      assert.deepEqual(ids((await listOk({ sort: field, pageSize: 100 })).identifiers), expected);
    });
  }

  test('unknown or malformed sort and filter parameters are 400 naming them', async () => {
    for (const sort of [
      'value:asc',
      'type',
      'created:desc',
      'identifierValue:up',
      'userID:asc:x',
      'IDENTIFIERVALUE',
    ]) {
      assertError(await list({ sort }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'sort',
        label: sort,
      });
    }
    for (const filter of [
      'value:eq:x',
      'email:eq:a@b.com',
      'identifierID:eq:ide-1',
      'userID:gt:1',
      'userID:eq:abc',
      'userID:eq:ide-1234',
      'identifierType:eq:fax',
      'identifierType:lt:email',
      'identifierValue:like:x',
      'identifierValue',
      'identifierValue:eq',
      `identifierValue:eq:${'x'.repeat(270)}`,
      'identifierValue:eq:a\u0000b',
    ]) {
      assertError(await list({ 'filter[]': filter }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'filter[]',
        label: filter,
      });
    }
    // Longer than the 300 characters a filter may have: caught by the query schema.
    const tooLong = assertError(
      await list({ 'filter[]': `identifierValue:eq:${'x'.repeat(290)}` }),
      {
        status: 400,
        code: 'VALIDATION_FAILED',
      },
    );
    assert.match(tooLong.error.validation?.[0]?.field ?? '', /^filter\[\]/);
    for (const [key, value] of [
      ['page', '0'],
      ['page', 'x'],
      ['pageSize', 'ten'],
    ] as const) {
      const response = await list({ [key]: value });
      assertError(response, { status: 400, code: 'VALIDATION_FAILED', field: key });
    }
  });

  test("another project's identifiers are never listed", async () => {
    const other = await server.createProject('Empty identifiers');
    const result = assertOk<WireIdentifierList>(
      await list({ 'filter[]': `userID:eq:${users[0]}` }, other.authorization),
      'identifierList',
    );
    assert.deepEqual(result.identifiers, []);
    assert.deepEqual(result.paging, { page: 1, totalPages: 0, totalItems: 0 });
    const mine = await filtered(['identifierValue:eq:alice@example.com']);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.userID, users[0]);
  });
});
