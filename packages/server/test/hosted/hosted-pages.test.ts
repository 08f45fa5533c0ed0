import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { updateProject } from '../../src/core/projects/update-project.js';
import { hostedPageCsp } from '../../src/http/hosted/security-headers.js';
import { describeEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

/*
 * The hosted pages as HTTP: which project, which redirect, the shell and its headers, the
 * error pages, and the cached assets. The components themselves run in the browser test
 * (examples/demo/test/hosted-round-trip-browser.test.ts).
 */

const callback = 'https://app.example.com/auth/callback';
/** A stand-in for the web bundle: these tests are about serving it, not running it. */
const bundle = 'export const latchkeyWeb = "test bundle";\n';

describeEachDatabase('Hosted pages', (kind) => {
  let server: TestServer;
  let builds = 0;

  before(async () => {
    server = await createTestServer(kind, {
      webBundle: async () => {
        builds++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return bundle;
      },
    });
    await updateProject(server.deps, server.project.id, { allowedRedirectUrls: [callback] });
  });
  after(async () => {
    await server.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers });
  const pageUrl = (path: string, query: Record<string, string>) =>
    `${path}?${new URLSearchParams({ projectID: server.project.id, ...query })}`;

  const assertErrorPage = (
    response: Awaited<ReturnType<typeof get>>,
    status: number,
    code: string,
    field?: string,
  ) => {
    assert.equal(response.statusCode, status, response.body);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.headers['content-security-policy'], hostedPageCsp);
    assert.match(response.body, new RegExp(`data-error-code="${code}"`));
    if (field) assert.match(response.body, new RegExp(`<code>${field}</code>`));
    assert.doesNotMatch(response.body, /latchkey-auth/);
  };

  test('GET /login places <latchkey-auth> for the project, with the redirect in data attributes', async () => {
    const response = await get(pageUrl('/login', { redirect_uri: callback, state: 's-1' }));
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.match(
      response.body,
      new RegExp(
        `<latchkey-auth project-id="${server.project.id}" frontend-api="http://localhost:80" mode="login">`,
      ),
    );
    assert.match(response.body, new RegExp(`data-redirect-uri="${callback}"`));
    assert.match(response.body, /data-state="s-1"/);
    assert.match(
      response.body,
      /<script type="module" src="\/hosted\/latchkey-web\.js\?v=[0-9a-f]{16}">/,
    );
    assert.match(
      response.body,
      /<script type="module" src="\/hosted\/hosted-page\.js\?v=[0-9a-f]{16}">/,
    );
    // No inline script at all: every <script> has a src.
    assert.doesNotMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/);
    // The query goes on to /account when there is no redirect.
    assert.match(
      response.body,
      /data-carried-query="\?projectID=pro-[0-9]+&amp;redirect_uri=https%3A%2F%2Fapp/,
    );
    assert.doesNotMatch(response.body, /href="\/signup/);
  });

  test('the pages send a strict CSP and no-store, no framing, no referrer', async () => {
    const response = await get(pageUrl('/signup', { redirect_uri: callback }));
    assert.equal(response.statusCode, 200);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval|\*/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.match(csp, /style-src-attr 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /default-src 'none'/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.match(response.body, /mode="signup"/);
  });

  test('GET /account places <latchkey-user> and <latchkey-passkeys>', async () => {
    const response = await get(pageUrl('/account', {}));
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<latchkey-user project-id="pro-[0-9]+"/);
    assert.match(response.body, /<latchkey-passkeys project-id="pro-[0-9]+"/);
    assert.doesNotMatch(response.body, /data-redirect-uri/);
  });

  test('the project comes from a pro-… host as well', async () => {
    const response = await get('/login', { host: `${server.project.id}.localhost:8080` });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(response.body, new RegExp(`project-id="${server.project.id}"`));
    assert.match(
      response.body,
      new RegExp(`frontend-api="http://${server.project.id}.localhost:8080"`),
    );
    // The only rule is the default redirect.
    assert.match(response.body, new RegExp(`data-redirect-uri="${callback}"`));
  });

  test('a redirect_uri that is not allowed gets a 400 page, and no login form', async () => {
    for (const redirect of [
      'https://evil.example/auth/callback',
      `${callback}/deeper`,
      'https://app.example.com/auth/callback/../../evil',
      'https://app.example.com@evil.example/auth/callback',
      `${callback}#x`,
    ]) {
      assertErrorPage(
        await get(pageUrl('/login', { redirect_uri: redirect })),
        400,
        'REDIRECT_URI_NOT_ALLOWED',
        'redirect_uri',
      );
    }
    for (const redirect of [
      'javascript:alert(1)',
      '//evil.example/auth/callback',
      'data:text/html,x',
    ]) {
      assertErrorPage(
        await get(pageUrl('/signup', { redirect_uri: redirect })),
        400,
        'VALIDATION_FAILED',
        'redirect_uri',
      );
    }
  });

  test('input is escaped into the page, never markup', async () => {
    const state = '"><script>alert(1)</script>';
    const response = await get(pageUrl('/login', { redirect_uri: `${callback}?q="<b>`, state }));
    assert.equal(response.statusCode, 200);
    assert.doesNotMatch(response.body, /<script>alert/);
    assert.doesNotMatch(response.body, /<b>/);
    assert.match(response.body, /data-state="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    const refused = await get(
      pageUrl('/login', { redirect_uri: 'https://x.example/<img src=x onerror=alert(1)>' }),
    );
    assert.equal(refused.statusCode, 400);
    assert.doesNotMatch(refused.body, /<img/);
  });

  test('an unknown or malformed project gets an error page naming projectID', async () => {
    assertErrorPage(
      await get('/login?projectID=pro-1234567890123456789'),
      404,
      'PROJECT_NOT_FOUND',
    );
    assertErrorPage(await get('/login?projectID=nope'), 400, 'VALIDATION_FAILED', 'projectID');
  });

  test('the bundle is built once, served with an ETag, and revalidates to 304', async () => {
    const [first, second] = await Promise.all([
      get('/hosted/latchkey-web.js'),
      get('/hosted/latchkey-web.js'),
    ]);
    assert.equal(builds, 1);
    for (const response of [first, second]) {
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, bundle);
      assert.match(String(response.headers['content-type']), /^text\/javascript/);
    }
    const etag = String(first?.headers.etag);
    assert.match(etag, /^"[0-9a-f]{64}"$/);
    assert.equal(first?.headers['cache-control'], 'public, no-cache');
    const cached = await get('/hosted/latchkey-web.js', { 'if-none-match': etag });
    assert.equal(cached.statusCode, 304);
    assert.equal(cached.body, '');
    const version = etag.slice(1, 17);
    const pinned = await get(`/hosted/latchkey-web.js?v=${version}`);
    assert.equal(pinned.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(
      (await get('/hosted/latchkey-web.js?v=0000000000000000')).headers['cache-control'],
      'public, no-cache',
    );
    assert.equal(builds, 1);
  });

  test('the page script and style sheet are served the same way', async () => {
    const script = await get('/hosted/hosted-page.js');
    assert.equal(script.statusCode, 200);
    assert.match(script.body, /\/v2\/hosted\/code/);
    const style = await get('/hosted/hosted.css');
    assert.equal(style.statusCode, 200);
    assert.match(String(style.headers['content-type']), /^text\/css/);
    assert.ok(style.headers.etag);
  });
});
