import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testOrigin } from '../../../packages/server/test/support/passkey-client.js';
import {
  createSoftwareAuthenticator,
  type SoftwareAuthenticator,
} from '../../../packages/server/test/support/webauthn/software-authenticator.js';
import { type Json, latestCode, type Stack, startStack } from './support.js';

let stack: Stack;

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.close();
});

/** POSTs to the example; a string body is sent as is (for malformed JSON). */
async function call(path: string, body: unknown = {}, sessionToken?: string) {
  const response = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(sessionToken && { authorization: `Bearer ${sessionToken}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** Asserts a refusal: the status and `{message, statusCode}` with the message's start. */
function refused(
  response: { status: number; body: Json },
  status: number,
  messageStart: string | RegExp,
) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.deepEqual(Object.keys(response.body).sort(), ['message', 'statusCode']);
  assert.equal(response.body.statusCode, status);
  const message = response.body.message as string;
  if (typeof messageStart === 'string') assert.ok(message.startsWith(messageStart), message);
  else assert.match(message, messageStart);
}

/** The Backend API, as the test's own look into Latchkey. */
async function backend(method: 'GET', url: string) {
  const response = await stack.latchkey.app.inject({
    method,
    url,
    headers: { authorization: stack.latchkey.authorization },
  });
  assert.equal(response.statusCode, 200, response.body);
  return JSON.parse(response.body) as Json;
}

async function emailIdentifier(email: string) {
  const answer = await backend(
    'GET',
    `/v2/identifiers?filter[]=identifierValue:eq:${encodeURIComponent(email)}`,
  );
  return (answer.identifiers as Json[])[0] as Json | undefined;
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Json;

/** Both /signUpOrLogin calls, the code read from the SMTP receiver. */
async function signIn(email: string) {
  const sent = await call('/signUpOrLogin', { email });
  assert.deepEqual(sent, { status: 200, body: { status: 'code_sent' } });
  const done = await call('/signUpOrLogin', { email, code: latestCode(stack.smtp, email) });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  return done.body as { sessionToken: string; refreshToken: string };
}

async function appendPasskey(authenticator: SoftwareAuthenticator, sessionToken: string) {
  const start = await call('/passkey/append/start', {}, sessionToken);
  assert.equal(start.status, 200, JSON.stringify(start.body));
  const credential = authenticator.createCredential(
    JSON.parse(start.body.attestationOptions as string),
    { origin: testOrigin },
  );
  const finish = await call(
    '/passkey/append/finish',
    { attestationResponse: credential },
    sessionToken,
  );
  assert.equal(finish.status, 200, JSON.stringify(finish.body));
  return finish.body;
}

async function loginAssertion(authenticator: SoftwareAuthenticator, email: string) {
  const start = await call('/passkey/login/start', { email });
  assert.equal(start.status, 200, JSON.stringify(start.body));
  return authenticator.getAssertion(JSON.parse(start.body.assertionOptions as string), {
    origin: testOrigin,
  });
}

describe('POST /signUpOrLogin', () => {
  test('a new email: pending user, code by mail, wrong code refused, right code activates', async () => {
    const email = 'ada@example.com';
    assert.deepEqual(await call('/signUpOrLogin', { email: ' Ada@Example.com ' }), {
      status: 200,
      body: { status: 'code_sent' },
    });
    const identifier = await emailIdentifier(email);
    assert.ok(identifier);
    assert.equal(identifier.status, 'pending');
    const userPath = `/v2/users/${identifier.userID as string}`;
    assert.equal((await backend('GET', userPath)).status, 'pending');

    const code = latestCode(stack.smtp, email);
    const wrong = code === '000000' ? '111111' : '000000';
    refused(await call('/signUpOrLogin', { email, code: wrong }), 400, 'code: wrong code');
    const done = await call('/signUpOrLogin', { email, code });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(Object.keys(done.body).sort(), ['refreshToken', 'sessionToken']);
    const claims = claimsOf(done.body.sessionToken as string);
    assert.equal(claims.sub, identifier.userID);
    assert.equal(claims.email, email);
    assert.equal((claims.exp as number) - (claims.iat as number), 600);
    assert.equal((await backend('GET', userPath)).status, 'active');
    assert.equal((await emailIdentifier(email))?.status, 'verified');

    // The code is spent: a second use finds nothing pending.
    refused(await call('/signUpOrLogin', { email, code }), 400, 'code: no code is pending');
    // The same email again logs the same user in.
    const again = await signIn(email);
    assert.equal(claimsOf(again.sessionToken).sub, identifier.userID);
  });

  test('a code for another email does not work, and one that was never asked for neither', async () => {
    await call('/signUpOrLogin', { email: 'carol@example.com' });
    await call('/signUpOrLogin', { email: 'dan@example.com' });
    const carols = latestCode(stack.smtp, 'carol@example.com');
    const dans = latestCode(stack.smtp, 'dan@example.com');
    if (carols !== dans) {
      refused(
        await call('/signUpOrLogin', { email: 'dan@example.com', code: carols }),
        400,
        'code: wrong',
      );
    }
    refused(
      await call('/signUpOrLogin', { email: 'never@example.com', code: '123456' }),
      400,
      'code: no code is pending',
    );
  });

  test('two first calls racing for one new email leave one user with that email', async () => {
    const users = async () =>
      ((await backend('GET', '/v2/users?pageSize=1')).paging as Json).totalItems as number;
    const before = await users();
    const email = 'race@example.com';
    const answers = await Promise.all([
      call('/signUpOrLogin', { email }),
      call('/signUpOrLogin', { email }),
    ]);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200],
    );
    assert.equal(await users(), before + 1);
    const identifiers = await backend(
      'GET',
      `/v2/identifiers?filter[]=identifierValue:eq:${encodeURIComponent(email)}`,
    );
    assert.equal((identifiers.identifiers as Json[]).length, 1);
  });

  test('a mail server that refuses the code is a 502 saying so; the next try works', async () => {
    const email = 'sam@example.com';
    stack.smtp.rejectWith(550);
    try {
      refused(await call('/signUpOrLogin', { email }), 502, 'the code could not be sent');
    } finally {
      stack.smtp.rejectWith(undefined);
    }
    await signIn(email);
  });

  test('five wrong codes lock the code (429)', async () => {
    const email = 'eve@example.com';
    await call('/signUpOrLogin', { email });
    const code = latestCode(stack.smtp, email);
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++)
      refused(await call('/signUpOrLogin', { email, code: wrong }), 400, 'code: wrong');
    refused(await call('/signUpOrLogin', { email, code }), 429, 'code: too many wrong codes');
  });
});

describe('bad bodies are 400 naming the field', () => {
  const cases: Array<[string, unknown, string]> = [
    ['/signUpOrLogin', {}, 'email:'],
    ['/signUpOrLogin', { email: 42 }, 'email:'],
    ['/signUpOrLogin', { email: 'not an address' }, 'email:'],
    ['/signUpOrLogin', { email: `${'a'.repeat(300)}@example.com` }, 'email:'],
    ['/signUpOrLogin', { email: 'ada@example.com', code: 'abc' }, 'code:'],
    ['/signUpOrLogin', { email: 'ada@example.com', code: ['123456'] }, 'code:'],
    ['/signUpOrLogin', [], 'body:'],
    ['/signUpOrLogin', '{"email": ', 'body: must be valid JSON'],
    ['/signUpOrLogin', 'null', 'body:'],
    ['/passkey/login/start', { email: { $ne: '' } }, 'email:'],
    ['/passkey/login/finish', { email: 'ada@example.com' }, 'assertionResponse:'],
    [
      '/passkey/login/finish',
      { email: 'ada@example.com', assertionResponse: '{not json' },
      'assertionResponse:',
    ],
    [
      '/passkey/login/finish',
      { email: 'ada@example.com', assertionResponse: [1] },
      'assertionResponse:',
    ],
    ['/passkey/mediation/finish', { assertionResponse: { id: 1 } }, 'assertionResponse:'],
    ['/passkey/mediation/finish', { assertionResponse: 'x'.repeat(70_000) }, 'assertionResponse:'],
    ['/session/refresh', {}, 'refreshToken:'],
    ['/session/refresh', { refreshToken: 7 }, 'refreshToken:'],
  ];
  for (const [path, body, field] of cases) {
    test(`${path} ${JSON.stringify(body).slice(0, 60)}`, async () => {
      refused(await call(path, body), 400, field);
    });
  }

  test('a body over 100 KiB is 413, a non-JSON body 400, an unknown route 404', async () => {
    refused(
      await call('/signUpOrLogin', { email: 'a@example.com', pad: 'x'.repeat(150_000) }),
      413,
      'body: too large',
    );
    const text = await fetch(`${stack.url}/signUpOrLogin`, {
      method: 'POST',
      body: 'email=a@b.co',
    });
    refused({ status: text.status, body: (await text.json()) as Json }, 400, 'body:');
    refused(await call('/nowhere'), 404, /./);
  });

  test('append/finish with a session still checks its body', async () => {
    const { sessionToken } = await signIn('frank@example.com');
    refused(
      await call('/passkey/append/finish', { attestationResponse: 42 }, sessionToken),
      400,
      'attestationResponse:',
    );
    refused(await call('/passkey/append/finish', {}, sessionToken), 400, 'attestationResponse:');
  });
});

describe('passkeys', () => {
  test('append, then identifier-first login; a replayed assertion is refused', async () => {
    const email = 'grace@example.com';
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    const session = await signIn(email);
    const appended = await appendPasskey(authenticator, session.sessionToken);
    assert.equal(typeof (appended.passkey as Json).id, 'string');

    const assertion = await loginAssertion(authenticator, email);
    // As an object here; as JSON text in the next test.
    const login = await call('/passkey/login/finish', { email, assertionResponse: assertion });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.deepEqual(Object.keys(login.body).sort(), ['refreshToken', 'sessionToken']);
    assert.equal(
      claimsOf(login.body.sessionToken as string).sub,
      claimsOf(session.sessionToken).sub,
    );

    refused(
      await call('/passkey/login/finish', { email, assertionResponse: assertion }),
      401,
      'passkey login failed',
    );
  });

  test('conditional UI: empty allow list, the user found from the passkey; replay refused', async () => {
    const email = 'hedy@example.com';
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    const session = await signIn(email);
    await appendPasskey(authenticator, session.sessionToken);

    const start = await call('/passkey/mediation/start');
    assert.equal(start.status, 200, JSON.stringify(start.body));
    const options = JSON.parse(start.body.assertionOptions as string);
    assert.deepEqual(options.publicKey.allowCredentials ?? [], []);
    const assertion = authenticator.getAssertion(options, { origin: testOrigin });
    const finish = await call('/passkey/mediation/finish', {
      assertionResponse: JSON.stringify(assertion),
    });
    assert.equal(finish.status, 200, JSON.stringify(finish.body));
    const claims = claimsOf(finish.body.sessionToken as string);
    assert.equal(claims.sub, claimsOf(session.sessionToken).sub);
    assert.equal(claims.email, email);

    refused(
      await call('/passkey/mediation/finish', { assertionResponse: assertion }),
      401,
      'passkey login failed',
    );
  });

  test("another user's passkey does not log in as this user", async () => {
    const ivy = createSoftwareAuthenticator({ signCounter: 'increment' });
    const jack = createSoftwareAuthenticator({ signCounter: 'increment' });
    await appendPasskey(ivy, (await signIn('ivy@example.com')).sessionToken);
    await appendPasskey(jack, (await signIn('jack@example.com')).sessionToken);
    // Jack's authenticator answers Ivy's options (the challenge is Ivy's, the passkey Jack's).
    const start = await call('/passkey/login/start', { email: 'ivy@example.com' });
    const options = JSON.parse(start.body.assertionOptions as string);
    const assertion = jack.getAssertion(
      { ...options.publicKey, allowCredentials: [] },
      { origin: testOrigin },
    );
    refused(
      await call('/passkey/login/finish', {
        email: 'ivy@example.com',
        assertionResponse: assertion,
      }),
      401,
      'passkey login failed',
    );
  });

  test('an unknown email gets options like anyone else (same stand-in each time) and no login', async () => {
    const first = await call('/passkey/login/start', { email: 'nobody@example.com' });
    const second = await call('/passkey/login/start', { email: 'nobody@example.com' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const allowOf = (response: { body: Json }) =>
      (JSON.parse(response.body.assertionOptions as string) as { publicKey: Json }).publicKey
        .allowCredentials as Json[];
    assert.equal(allowOf(first).length, 1);
    assert.deepEqual(allowOf(first), allowOf(second));
    const other = await call('/passkey/login/start', { email: 'somebody@example.com' });
    assert.notDeepEqual(allowOf(first), allowOf(other));

    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    await appendPasskey(authenticator, (await signIn('kim@example.com')).sessionToken);
    const assertion = await loginAssertion(authenticator, 'kim@example.com');
    refused(
      await call('/passkey/login/finish', {
        email: 'nobody@example.com',
        assertionResponse: assertion,
      }),
      401,
      'passkey login failed',
    );
  });

  test('a disabled user gets no passkey login (403)', async () => {
    const email = 'lee@example.com';
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    const session = await signIn(email);
    await appendPasskey(authenticator, session.sessionToken);
    const userId = claimsOf(session.sessionToken).sub as string;
    const disabled = await stack.latchkey.app.inject({
      method: 'PATCH',
      url: `/v2/users/${userId}`,
      headers: { authorization: stack.latchkey.authorization },
      payload: { status: 'disabled' },
    });
    assert.equal(disabled.statusCode, 200, disabled.body);
    const assertion = await loginAssertion(authenticator, email);
    refused(
      await call('/passkey/login/finish', { email, assertionResponse: assertion }),
      403,
      'this account is disabled',
    );
  });
});

describe('sessions', () => {
  test('session-protected endpoints: no token, a forged one, another key’s token', async () => {
    refused(await call('/passkey/append/start'), 401, 'session token required');
    refused(
      await call('/passkey/append/finish', { attestationResponse: {} }),
      401,
      'session token required',
    );
    refused(await call('/session/logout'), 401, 'session token required');
    refused(await call('/passkey/append/start', {}, 'not-a-jwt'), 401, 'session token invalid');
    const { sessionToken } = await signIn('mia@example.com');
    const [header, payload] = sessionToken.split('.') as [string, string];
    refused(
      await call('/passkey/append/start', {}, `${header}.${payload}.AAAA`),
      401,
      'session token invalid',
    );
    // A refresh token is not an access token.
    refused(
      await call('/passkey/append/start', {}, (await signIn('mia@example.com')).refreshToken),
      401,
      'session token invalid',
    );
  });

  test('an expired access token is refused until refreshed; the refresh token rotates', async () => {
    const first = await signIn('nina@example.com');
    assert.equal((await call('/passkey/append/start', {}, first.sessionToken)).status, 200);
    stack.advance(601_000);
    refused(
      await call('/passkey/append/start', {}, first.sessionToken),
      401,
      'session token expired',
    );

    const refreshed = await call('/session/refresh', { refreshToken: first.refreshToken });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const second = refreshed.body as { sessionToken: string; refreshToken: string };
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(claimsOf(second.sessionToken).sid, claimsOf(first.sessionToken).sid);
    assert.equal((await call('/passkey/append/start', {}, second.sessionToken)).status, 200);

    const third = await call('/session/refresh', { refreshToken: second.refreshToken });
    assert.equal(third.status, 200);
    refused(
      await call('/session/refresh', { refreshToken: 'rt_forged' }),
      401,
      'refresh token invalid',
    );
  });

  test('a reused refresh token ends the whole session', async () => {
    const first = await signIn('olga@example.com');
    const second = (await call('/session/refresh', { refreshToken: first.refreshToken })).body as {
      sessionToken: string;
      refreshToken: string;
    };
    refused(
      await call('/session/refresh', { refreshToken: first.refreshToken }),
      401,
      'refresh token was already used',
    );
    refused(await call('/session/refresh', { refreshToken: second.refreshToken }), 401, /./);
    refused(await call('/passkey/append/start', {}, second.sessionToken), 401, 'session ended');
  });

  test('two refreshes racing with one token: one wins, the other is taken as reuse', async () => {
    const session = await signIn('ruth@example.com');
    const answers = await Promise.all([
      call('/session/refresh', { refreshToken: session.refreshToken }),
      call('/session/refresh', { refreshToken: session.refreshToken }),
    ]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 401]);
    const winner = answers.find((answer) => answer.status === 200)?.body as Json;
    // Reuse ends the session, the winner's tokens included.
    refused(
      await call('/passkey/append/start', {}, winner.sessionToken as string),
      401,
      'session ended',
    );
  });

  test('logout ends the session at once: access and refresh token both refused', async () => {
    const session = await signIn('pia@example.com');
    const other = await signIn('pia@example.com');
    assert.deepEqual(await call('/session/logout', {}, session.sessionToken), {
      status: 200,
      body: { status: 'logged_out' },
    });
    refused(await call('/passkey/append/start', {}, session.sessionToken), 401, 'session ended');
    refused(await call('/session/logout', {}, session.sessionToken), 401, 'session ended');
    refused(await call('/session/refresh', { refreshToken: session.refreshToken }), 401, /./);
    // Another session of the same user is untouched.
    assert.equal((await call('/passkey/append/start', {}, other.sessionToken)).status, 200);
  });

  test('the session ends for good after REFRESH_TOKEN_TTL_SECONDS', async () => {
    const session = await signIn('quinn@example.com');
    stack.advance(stack.config.refreshTokenTtlSeconds * 1000 + 1000);
    refused(
      await call('/session/refresh', { refreshToken: session.refreshToken }),
      401,
      'session ended',
    );
  });
});

test('the web client is served from the same origin', async () => {
  const page = await fetch(`${stack.url}/`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /autocomplete="username webauthn"/);
  const script = await fetch(`${stack.url}/app.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type') ?? '', /javascript/);
});
