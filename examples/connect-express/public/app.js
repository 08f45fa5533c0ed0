// The example's page (plain browser JavaScript). Password login and sessions are the
// example backend's own; passkeys go through Latchkey's Connect API (/v2/connect/*) with
// connect tokens the backend mints, and a passkey login ends at the backend's
// /auth/completeLogin, which verifies the signed passkey data with Latchkey.

const $ = (id) => document.getElementById(id);
const config = await (await fetch('/config')).json();
let accessToken = sessionStorage.getItem('accessToken');

function status(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

async function json(response) {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${text}`);
  return text === '' ? {} : JSON.parse(text);
}

/** The example backend. */
function backend(path, body) {
  return fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(accessToken && { authorization: `Bearer ${accessToken}` }),
    },
    body: JSON.stringify(body),
  }).then(json);
}

/** Latchkey's Connect API, with the process token after init. */
function connect(path, body, process) {
  return fetch(`${config.frontendApiUrl}/v2/connect${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-corbado-projectid': config.projectId,
      ...(process && { 'x-corbado-process-id': process }),
    },
    body: JSON.stringify(body),
  }).then(json);
}

async function clientInformation() {
  return {
    isUserVerifyingPlatformAuthenticatorAvailable:
      await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(),
    isConditionalMediationAvailable: await PublicKeyCredential.isConditionalMediationAvailable(),
    clientEnvHandle: localStorage.getItem('clientEnvHandle') ?? undefined,
  };
}

async function init(kind) {
  const answer = await connect(`/${kind}/init`, {
    clientInformation: await clientInformation(),
    flags: {},
  });
  return answer.token ?? answer.processID;
}

const connectToken = async (tokenType) =>
  (await backend('/auth/createConnectToken', { tokenType })).connectToken;

function unwrap(optionsText) {
  return JSON.parse(optionsText).publicKey;
}

async function signedIn(session) {
  accessToken = session.accessToken;
  sessionStorage.setItem('accessToken', accessToken);
  await render();
}

async function render() {
  let me;
  if (accessToken) {
    const response = await fetch('/auth/me', {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    me = response.ok ? await response.json() : undefined;
  }
  $('signed-out').hidden = Boolean(me);
  $('signed-in').hidden = !me;
  if (me) {
    $('who').textContent = me.email;
    await listPasskeys();
  }
}

async function listPasskeys() {
  const process = await init('manage');
  const { passkeys } = await connect(
    '/manage/list',
    { connectToken: await connectToken('passkey-list') },
    process,
  );
  const list = $('passkeys');
  list.replaceChildren(
    ...passkeys.map((passkey) => {
      const item = document.createElement('li');
      item.dataset.id = passkey.id;
      item.textContent = `${passkey.aaguidDetails.name} (${passkey.sourceBrowser} on ${passkey.sourceOS})`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Delete';
      remove.className = 'delete';
      remove.addEventListener('click', () => run('deleted', () => deletePasskey(passkey.id)));
      item.append(remove);
      return item;
    }),
  );
  return passkeys.length;
}

async function deletePasskey(id) {
  const process = await init('manage');
  await connect(
    '/manage/delete',
    { connectToken: await connectToken('passkey-delete'), credentialID: id },
    process,
  );
  await listPasskeys();
}

async function appendPasskey() {
  const process = await init('append');
  const start = await connect(
    '/append/start',
    {
      appendTokenValue: await connectToken('passkey-append'),
      loadedMs: Date.now(),
      forcePasskeyAppend: true,
    },
    process,
  );
  if (start.attestationOptions === '') throw new Error('Latchkey does not suggest a passkey here');
  const credential = await navigator.credentials.create({
    publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(unwrap(start.attestationOptions)),
  });
  await connect(
    '/append/finish',
    { attestationResponse: JSON.stringify(credential.toJSON()) },
    process,
  );
  await listPasskeys();
}

async function passkeyLogin() {
  const process = await init('login');
  const start = await connect(
    '/login/start',
    { identifier: $('email').value, source: 'text-field', loadedMs: Date.now() },
    process,
  );
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(unwrap(start.assertionOptions)),
  });
  const finish = await connect(
    '/login/finish',
    { isConditionalUI: false, assertionResponse: JSON.stringify(credential.toJSON()) },
    process,
  );
  await signedIn(
    await backend('/auth/completeLogin', { signedPasskeyData: finish.signedPasskeyData }),
  );
}

async function passwordLogin() {
  await signedIn(
    await backend('/auth/login', { email: $('email').value, password: $('password').value }),
  );
}

async function run(what, action) {
  status('busy', '…');
  try {
    await action();
    status('done', what);
  } catch (error) {
    status('error', error?.message ?? String(error));
  }
}

$('password-login').addEventListener('click', () => run('signed in with password', passwordLogin));
$('passkey-login').addEventListener('click', () => run('signed in with passkey', passkeyLogin));
$('append').addEventListener('click', () => run('passkey added', appendPasskey));
$('refresh').addEventListener('click', () => run('listed', listPasskeys));
$('logout').addEventListener('click', () =>
  run('signed out', async () => {
    accessToken = null;
    sessionStorage.removeItem('accessToken');
    await render();
  }),
);
await render();
status('ready', 'ready');
