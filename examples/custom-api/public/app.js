// The example's web client (plain browser JavaScript). It talks only to its own backend, on
// the same origin; the backend calls Latchkey's Backend API. Options from the start
// endpoints are Latchkey's JSON text ({"publicKey": …}), handed to WebAuthn through the
// browser's own parse*OptionsFromJSON; credential.toJSON() goes back to the finish endpoints.

const $ = (id) => document.getElementById(id);
// The access token lives in memory only; the refresh token survives a reload of the tab.
let sessionToken;
let conditional; // AbortController of the pending conditional-UI request, if any

function status(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

/** POSTs JSON to the backend; on an expired access token refreshes once and retries. */
async function api(path, body = {}, retry = true) {
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(sessionToken && { authorization: `Bearer ${sessionToken}` }),
    },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.status === 401 && retry && /expired/.test(answer.message) && (await refresh())) {
    return api(path, body, false);
  }
  if (!response.ok) throw new Error(answer.message ?? `HTTP ${response.status}`);
  return answer;
}

async function refresh() {
  const refreshToken = sessionStorage.getItem('refreshToken');
  if (!refreshToken) return false;
  sessionToken = undefined;
  try {
    signedIn(await api('/session/refresh', { refreshToken }, false));
    return true;
  } catch {
    sessionStorage.removeItem('refreshToken');
    render();
    return false;
  }
}

/** The email claim of the access token, for display only (the backend checks the token). */
function emailOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload)).email;
}

function signedIn(tokens) {
  sessionToken = tokens.sessionToken;
  sessionStorage.setItem('refreshToken', tokens.refreshToken);
  render();
}

function render() {
  const inside = sessionToken !== undefined;
  $('signed-in').hidden = !inside;
  $('signed-out').hidden = inside;
  $('who').textContent = inside ? emailOf(sessionToken) : '';
  if (inside) stopConditional();
}

const publicKeyOf = (optionsText) => JSON.parse(optionsText).publicKey;

/** Runs one action; the status line says how it went (tests wait for data-state). */
async function run(action) {
  status('busy', '…');
  try {
    status('done', await action());
  } catch (error) {
    status('error', error?.message ?? String(error));
  }
}

function stopConditional() {
  conditional?.abort();
  conditional = undefined;
  delete $('email').dataset.conditional;
}

/** Conditional UI: the browser offers passkeys in the email field's autofill. */
async function armConditional() {
  if (conditional || !(await PublicKeyCredential.isConditionalMediationAvailable?.())) return;
  const controller = new AbortController();
  conditional = controller;
  try {
    const { assertionOptions } = await api('/passkey/mediation/start');
    if (controller.signal.aborted) return;
    const pending = navigator.credentials.get({
      mediation: 'conditional',
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(publicKeyOf(assertionOptions)),
      signal: controller.signal,
    });
    $('email').dataset.conditional = 'armed';
    const credential = await pending;
    conditional = undefined;
    delete $('email').dataset.conditional;
    await run(async () => {
      signedIn(await api('/passkey/mediation/finish', { assertionResponse: credential.toJSON() }));
      return 'signed in with passkey (autofill)';
    });
  } catch (error) {
    if (conditional === controller) conditional = undefined;
    // Autofill is a quiet offer: if the browser turns it down (NotAllowedError, e.g. when it
    // holds no passkey for this site), the rest of the page works as before.
    if (error?.name !== 'AbortError') console.warn('conditional UI unavailable:', error);
  }
}

$('send-code').addEventListener('click', () =>
  run(async () => {
    await api('/signUpOrLogin', { email: $('email').value });
    $('code-step').hidden = false;
    return 'code sent';
  }),
);

$('verify').addEventListener('click', () =>
  run(async () => {
    signedIn(await api('/signUpOrLogin', { email: $('email').value, code: $('code').value }));
    $('code').value = '';
    $('code-step').hidden = true;
    return 'signed in with code';
  }),
);

$('passkey-login').addEventListener('click', () =>
  run(async () => {
    // One WebAuthn request at a time: the modal one replaces the autofill one.
    stopConditional();
    const email = $('email').value;
    try {
      const { assertionOptions } = await api('/passkey/login/start', { email });
      const credential = await navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(publicKeyOf(assertionOptions)),
      });
      signedIn(
        await api('/passkey/login/finish', { email, assertionResponse: credential.toJSON() }),
      );
    } finally {
      if (sessionToken === undefined) armConditional();
    }
    return 'signed in with passkey';
  }),
);

$('append').addEventListener('click', () =>
  run(async () => {
    const { attestationOptions } = await api('/passkey/append/start');
    const credential = await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(publicKeyOf(attestationOptions)),
    });
    await api('/passkey/append/finish', { attestationResponse: credential.toJSON() });
    return 'passkey added';
  }),
);

$('logout').addEventListener('click', () =>
  run(async () => {
    await api('/session/logout');
    sessionToken = undefined;
    sessionStorage.removeItem('refreshToken');
    render();
    return 'signed out';
  }),
);

// Conditional UI is armed once, when the page loads signed out, as sign-in pages do; after a
// logout the next page load arms it again.
if (!(await refresh())) {
  render();
  armConditional();
}
status('ready', 'ready');
