import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertError, assertOk } from '../support/backend-assertions.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

describeEachDatabase('Backend API PUT /projectConfig/cname', (kind) => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer(kind);
  });
  after(async () => {
    await server.close();
  });

  const put = (authorization: string, payload: unknown) =>
    server.app.inject({
      method: 'PUT',
      url: '/v2/projectConfig/cname',
      headers: { authorization },
      payload: payload as Record<string, unknown>,
    });
  const frontendApiUrl = async (projectId: string) =>
    (
      await server.database.handle.db
        .selectFrom('projects')
        .select('frontend_api_url')
        .where('id', '=', projectId)
        .executeTakeFirstOrThrow()
    ).frontend_api_url;

  test('a host name or https origin becomes the Frontend API URL', async () => {
    const { project, authorization } = await server.createProject('CNAME');
    const cases: [string, string][] = [
      ['auth.example.com', 'https://auth.example.com'],
      ['https://auth.example.com', 'https://auth.example.com'],
      ['https://auth.example.com/', 'https://auth.example.com'],
      ['  auth.example.com  ', 'https://auth.example.com'],
      ['Auth.Example.COM', 'https://auth.example.com'],
      ['HTTPS://auth.example.com', 'https://auth.example.com'],
      ['auth.example.com:8443', 'https://auth.example.com:8443'],
      ['https://auth.example.com:443', 'https://auth.example.com'],
      ['https://auth.example.com:65535', 'https://auth.example.com:65535'],
      ['bücher.example', 'https://xn--bcher-kva.example'],
      ['xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
      ['203.0.113.7', 'https://203.0.113.7'],
      ['https://[2001:db8::1]:8443', 'https://[2001:db8::1]:8443'],
      ['http://localhost:3000', 'http://localhost:3000'],
      ['http://app.localhost', 'http://app.localhost'],
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
      ['http://[::1]:8080', 'http://[::1]:8080'],
      ['localhost:3000', 'https://localhost:3000'],
    ];
    for (const [cname, expected] of cases) {
      const before = server.clock.now();
      server.clock.advance(1000);
      assertOk(await put(authorization, { cname }), 'genericRsp');
      assert.equal(await frontendApiUrl(project.id), expected, cname);
      const row = await server.database.handle.db
        .selectFrom('projects')
        .select('updated_at')
        .where('id', '=', project.id)
        .executeTakeFirstOrThrow();
      assert.ok(Number(row.updated_at) > before);
    }
  });

  test('anything but a bare host or origin is 400 naming cname, and nothing changes', async () => {
    const { project, authorization } = await server.createProject('CNAME bad input');
    assertOk(await put(authorization, { cname: 'auth.example.com' }), 'genericRsp');
    const bad: unknown[] = [
      '',
      '   ',
      'http://auth.example.com',
      'ftp://auth.example.com',
      'javascript:alert(1)',
      'wss://auth.example.com',
      'file:///etc/passwd',
      '//auth.example.com',
      'https://',
      'https://auth.example.com/login',
      'auth.example.com/login',
      'https://auth.example.com//',
      'https://auth.example.com?x=1',
      'https://auth.example.com#top',
      'https://user:pass@auth.example.com',
      'user@auth.example.com',
      'https://auth.example.com:65536',
      'https://auth.example.com:99999',
      'auth.example.com:0',
      'https://auth.example.com:',
      'https://auth.example.com:-1',
      'https://auth.example.com:http',
      'auth example.com',
      'auth.example.com\u0000',
      'auth.example.com\n',
      'auth\t.example.com',
      'https:\\\\auth.example.com',
      'https://auth.example.com\\@evil.com',
      'https://%61uth.example.com',
      'auth..example.com',
      '-auth.example.com',
      'auth.example.com.',
      'auth_example.com',
      `${'a'.repeat(64)}.example.com`,
      `${'a.'.repeat(200)}com`,
      'https://0x7f.1',
      'https://2130706433',
      '999.1.1.1',
      'login',
      'https://intranet:8443',
      'https://[::1',
      'https://[zz::1]',
      12,
      true,
      {},
      ['auth.example.com', 'b.example.com'],
    ];
    for (const cname of bad) {
      assertError(await put(authorization, { cname }), {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'cname',
        label: JSON.stringify(cname),
      });
      assert.equal(await frontendApiUrl(project.id), 'https://auth.example.com');
    }
    assertError(await put(authorization, {}), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'cname',
    });
    assertError(await put(authorization, { cname: 'a'.repeat(301) }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'cname',
    });
    assert.equal(await frontendApiUrl(project.id), 'https://auth.example.com');
  });

  test("a project's CNAME call changes only that project", async () => {
    const a = await server.createProject('CNAME A');
    const b = await server.createProject('CNAME B');
    assertOk(await put(a.authorization, { cname: 'a.example.com' }), 'genericRsp');
    assertOk(await put(b.authorization, { cname: 'b.example.com' }), 'genericRsp');
    assert.equal(await frontendApiUrl(a.project.id), 'https://a.example.com');
    assert.equal(await frontendApiUrl(b.project.id), 'https://b.example.com');
    assert.equal(await frontendApiUrl(server.project.id), null);
  });

  test('only PUT exists on the path', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/v2/projectConfig/cname',
      headers: { authorization: server.authorization },
    });
    assertError(response, { status: 405, code: 'METHOD_NOT_ALLOWED' });
  });
});
