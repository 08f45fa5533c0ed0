import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Config, SDK } from '@corbado/node-sdk';
import { ServerError } from '@corbado/node-sdk/errors';
import { describeEachDatabase } from '../support/databases.js';
import { assertMatchesSpec } from '../support/spec-schemas.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

/*
 * Corbado's official Node SDK (@corbado/node-sdk, MIT), unchanged, against a real listening
 * Latchkey: every method of its users and identifiers services, and their error paths. The
 * SDK is configured exactly as for Corbado's cloud, with only the URLs changed.
 */

type Identifiers = ReturnType<SDK['identifiers']>;
// The SDK's enums are not exported from its entry point; its method signatures carry them.
type IdentifierCreateReq = Parameters<Identifiers['create']>[1];
type IdentifierType = IdentifierCreateReq['identifierType'];
type IdentifierStatus = IdentifierCreateReq['status'];
const identifierType = (value: 'email' | 'phone' | 'username') => value as IdentifierType;
const identifierStatus = (value: 'pending' | 'primary' | 'verified') => value as IdentifierStatus;

/** Runs `call`, expecting the SDK's ServerError with `status`; returns it. */
async function expectServerError(call: () => Promise<unknown>, status: number) {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof ServerError, `expected a ServerError, got ${String(error)}`);
    assert.equal(error.getHttpStatusCode(), status, error.message);
    // The request ID is ours (the SDK puts its own origin string there when it cannot read
    // the body as an errorRsp).
    assert.match(error.getRequestId(), /^req-\d{19}$/);
    assert.equal(typeof error.getRuntime(), 'number');
    return error;
  }
  assert.fail(`expected HTTP ${status}, the call succeeded`);
}

describeEachDatabase('Corbado Node SDK against a live Latchkey', (kind) => {
  let server: TestServer;
  let sdk: SDK;
  let origin: string;

  before(async () => {
    server = await createTestServer(kind);
    origin = await server.listen();
    sdk = new SDK(new Config(server.project.id, server.apiSecret, origin, origin));
  });
  after(async () => {
    await server.close();
  });

  test('users: create, createActiveByName, get, delete', async () => {
    const created = await sdk.users().create({
      fullName: 'SDK User',
      status: 'pending' as Parameters<ReturnType<SDK['users']>['create']>[0]['status'],
    });
    assertMatchesSpec('user', created);
    assert.match(created.userID, /^usr-\d{19}$/);
    assert.equal(created.fullName, 'SDK User');
    assert.equal(created.status, 'pending');

    const active = await sdk.users().createActiveByName('Active SDK User');
    assertMatchesSpec('user', active);
    assert.equal(active.status, 'active');
    assert.equal(active.fullName, 'Active SDK User');

    const read = await sdk.users().get(created.userID);
    assertMatchesSpec('user', read);
    assert.deepEqual(read, created);

    const deleted = await sdk.users().delete(active.userID);
    assertMatchesSpec('genericRsp', deleted);
    assert.equal(deleted.httpStatusCode, 200);
    assert.match(deleted.requestData.requestID, /^req-\d{19}$/);

    const missing = await expectServerError(() => sdk.users().get(active.userID), 404);
    assert.deepEqual(missing.getValidationMessages(), []);
    await expectServerError(() => sdk.users().delete(active.userID), 404);
    await expectServerError(() => sdk.users().get('usr-1234567890123456789'), 404);
    const malformed = await expectServerError(() => sdk.users().get('not-a-user'), 400);
    assert.ok(malformed.getValidationMessages().some((m) => m.startsWith('userID:')));
  });

  test('identifiers: every method of the service', async () => {
    const identifiers = sdk.identifiers();
    const user = await sdk.users().createActiveByName('Identifier SDK User');
    const other = await sdk.users().createActiveByName('Other SDK User');

    // create
    const email = await identifiers.create(user.userID, {
      identifierType: identifierType('email'),
      identifierValue: ' SDK.User@Example.com ',
      status: identifierStatus('pending'),
    });
    assertMatchesSpec('identifier', email);
    assert.equal(email.value, 'sdk.user@example.com');
    assert.equal(email.userID, user.userID);
    // The list's default order is oldest first; the test clock only moves when told.
    server.clock.advance(1000);
    const phone = await identifiers.create(user.userID, {
      identifierType: identifierType('phone'),
      identifierValue: '+49 151 12345678',
      status: identifierStatus('verified'),
    });
    assert.equal(phone.value, '+4915112345678');
    server.clock.advance(1000);
    const username = await identifiers.create(user.userID, {
      identifierType: identifierType('username'),
      identifierValue: 'SDK_User',
      status: identifierStatus('primary'),
    });
    assert.equal(username.value, 'sdk_user');
    server.clock.advance(1000);
    const otherEmail = await identifiers.create(other.userID, {
      identifierType: identifierType('email'),
      identifierValue: 'other@example.com',
      status: identifierStatus('verified'),
    });

    // list (no filter, then with filter, sort and paging)
    const all = await identifiers.list();
    assertMatchesSpec('identifierList', all);
    assert.deepEqual(
      all.identifiers.map((i) => i.identifierID),
      [email, phone, username, otherEmail].map((i) => i.identifierID),
    );
    assert.equal(all.paging.totalItems, 4);
    const emails = await identifiers.list(['identifierType:eq:email'], 'identifierValue:desc');
    assertMatchesSpec('identifierList', emails);
    assert.deepEqual(
      emails.identifiers.map((i) => i.value),
      ['sdk.user@example.com', 'other@example.com'],
    );
    const page = await identifiers.list(undefined, 'identifierValue:asc', 2, 1);
    assertMatchesSpec('identifierList', page);
    assert.deepEqual(page.paging, { page: 2, totalPages: 4, totalItems: 4 });
    assert.equal(page.identifiers.length, 1);

    // listByValueAndType
    const byValue = await identifiers.listByValueAndType(
      'sdk.user@example.com',
      identifierType('email'),
    );
    assertMatchesSpec('identifierList', byValue);
    assert.deepEqual(
      byValue.identifiers.map((i) => i.identifierID),
      [email.identifierID],
    );
    assert.deepEqual(
      (await identifiers.listByValueAndType('sdk.user@example.com', identifierType('phone')))
        .identifiers,
      [],
    );

    // listByUserId: the SDK strips usr- and sends userID:eq:<number>.
    const byUser = await identifiers.listByUserId(user.userID);
    assertMatchesSpec('identifierList', byUser);
    assert.deepEqual(
      byUser.identifiers.map((i) => i.identifierID),
      [email, phone, username].map((i) => i.identifierID),
    );
    assert.equal(byUser.paging.totalItems, 3);
    const byUserSorted = await identifiers.listByUserId(user.userID, 'identifierValue:asc', 1, 2);
    assert.deepEqual(
      byUserSorted.identifiers.map((i) => i.value),
      ['+4915112345678', 'sdk.user@example.com'],
    );
    assert.deepEqual(byUserSorted.paging, { page: 1, totalPages: 2, totalItems: 3 });

    // listByUserIdAndType
    const byUserAndType = await identifiers.listByUserIdAndType(
      user.userID,
      identifierType('phone'),
    );
    assertMatchesSpec('identifierList', byUserAndType);
    assert.deepEqual(
      byUserAndType.identifiers.map((i) => i.identifierID),
      [phone.identifierID],
    );
    assert.deepEqual(
      (await identifiers.listByUserIdAndType(other.userID, identifierType('phone'))).identifiers,
      [],
    );

    // updateIdentifier and updateStatus
    const verified = await identifiers.updateIdentifier(user.userID, email.identifierID, {
      status: identifierStatus('verified'),
    });
    assertMatchesSpec('identifier', verified);
    assert.deepEqual(verified, { ...email, status: 'verified' });
    const primary = await identifiers.updateStatus(
      user.userID,
      email.identifierID,
      identifierStatus('primary'),
    );
    assertMatchesSpec('identifier', primary);
    assert.equal(primary.status, 'primary');

    // delete
    const deleted = await identifiers.delete(user.userID, phone.identifierID);
    assertMatchesSpec('genericRsp', deleted);
    assert.equal(deleted.httpStatusCode, 200);
    assert.deepEqual(
      (await identifiers.listByUserId(user.userID)).identifiers.map((i) => i.identifierID),
      [email.identifierID, username.identifierID],
    );

    // Deleting the user takes its identifiers with it.
    await sdk.users().delete(other.userID);
    assert.deepEqual((await identifiers.listByUserId(other.userID)).identifiers, []);
  });

  test('identifiers: error paths come back as ServerErrors with our request ID', async () => {
    const identifiers = sdk.identifiers();
    const user = await sdk.users().createActiveByName('Error SDK User');
    const stranger = await sdk.users().createActiveByName('Stranger SDK User');
    const email = await identifiers.create(user.userID, {
      identifierType: identifierType('email'),
      identifierValue: 'errors@example.com',
      status: identifierStatus('verified'),
    });

    const duplicate = await expectServerError(
      () =>
        identifiers.create(stranger.userID, {
          identifierType: identifierType('email'),
          identifierValue: 'Errors@Example.com',
          status: identifierStatus('pending'),
        }),
      409,
    );
    assert.ok(duplicate.getValidationMessages().some((m) => m.startsWith('identifierValue:')));

    const national = await expectServerError(
      () =>
        identifiers.create(user.userID, {
          identifierType: identifierType('phone'),
          identifierValue: '0151 12345678',
          status: identifierStatus('pending'),
        }),
      400,
    );
    assert.ok(
      national
        .getValidationMessages()
        .some((m) => /^identifierValue: .*international format/.test(m)),
    );
    const badEnum = await expectServerError(
      () =>
        identifiers.create(user.userID, {
          identifierType: 'fax' as IdentifierType,
          identifierValue: 'x',
          status: identifierStatus('pending'),
        }),
      400,
    );
    assert.ok(badEnum.getValidationMessages().some((m) => m.startsWith('identifierType:')));
    await expectServerError(
      () =>
        identifiers.create('usr-1234567890123456789', {
          identifierType: identifierType('email'),
          identifierValue: 'ghost@example.com',
          status: identifierStatus('pending'),
        }),
      404,
    );
    await expectServerError(
      () =>
        identifiers.updateStatus(stranger.userID, email.identifierID, identifierStatus('primary')),
      404,
    );
    await expectServerError(
      () => identifiers.updateStatus(user.userID, email.identifierID, 'active' as IdentifierStatus),
      400,
    );
    await expectServerError(() => identifiers.delete(stranger.userID, email.identifierID), 404);
    await expectServerError(() => identifiers.delete(user.userID, 'ide-1234567890123456789'), 404);
    const badFilter = await expectServerError(() => identifiers.list(['email:eq:x']), 400);
    assert.ok(badFilter.getValidationMessages().some((m) => m.startsWith('filter[]:')));
    await expectServerError(() => identifiers.list(undefined, 'created:asc'), 400);

    // Nothing above changed anything.
    const after = await identifiers.list(undefined, undefined, 1, 100);
    assert.deepEqual(
      after.identifiers.filter((i) => [user.userID, stranger.userID].includes(i.userID)),
      [email],
    );
  });

  test('a wrong API secret is a 401 ServerError', async () => {
    const wrong = new SDK(
      new Config(server.project.id, `corbado1_${'x'.repeat(48)}`, origin, origin),
    );
    await expectServerError(() => wrong.users().createActiveByName('Nope'), 401);
    await expectServerError(() => wrong.identifiers().list(), 401);
    const other = await server.createProject('SDK other project');
    const otherSdk = new SDK(new Config(other.project.id, other.apiSecret, origin, origin));
    const user = await sdk.users().createActiveByName('Invisible');
    await expectServerError(() => otherSdk.users().get(user.userID), 404);
    assert.deepEqual((await otherSdk.identifiers().listByUserId(user.userID)).identifiers, []);
  });
});
