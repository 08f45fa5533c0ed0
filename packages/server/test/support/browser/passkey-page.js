// The page's script (runs in Chromium, plain browser JavaScript). Each ceremony asks the test
// backend for options, hands them to the WebAuthn API exactly as Latchkey returned them
// (`{"publicKey": …}` JSON text, decoded with the browser's own JSON parsers), and posts
// `credential.toJSON()` back. The outcome lands in <output id="result"> as JSON with
// data-state="done" or "error", which the test reads.

// One process and tracking ID per page load, as a customer's frontend would keep them.
const processID = `proc-${crypto.randomUUID()}`;
const trackingID = `trk-${crypto.randomUUID()}`;

/** What the page knows about its client; the backend adds the address and user agent. */
async function clientSignals() {
  return {
    userVerifyingPlatformAuthenticatorAvailable:
      await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(),
    conditionalMediationAvailable: await PublicKeyCredential.isConditionalMediationAvailable(),
  };
}

/** POSTs JSON to the page's backend; throws with the backend's answer on a non-2xx status. */
async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, processID, trackingID, client: await clientSignals() }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

function show(state, value) {
  const result = document.getElementById('result');
  result.textContent = JSON.stringify(value);
  result.dataset.state = state;
}

async function run(ceremony) {
  delete document.getElementById('result').dataset.state;
  try {
    show('done', await ceremony());
  } catch (error) {
    show('error', { name: error?.name, message: error?.message ?? String(error) });
  }
}

/** `attestationOptions` / `assertionOptions` are JSON text with the `publicKey` wrapper. */
function unwrap(optionsText) {
  const options = JSON.parse(optionsText);
  if (!options.publicKey) throw new Error(`options without publicKey: ${optionsText}`);
  return options.publicKey;
}

async function register(forcePasskeyAppend) {
  const username = document.getElementById('username').value;
  const start = await post('/api/register/start', { username, forcePasskeyAppend });
  if (!start.appendAllow) return { appendAllow: false };
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
    unwrap(start.attestationOptions),
  );
  const credential = await navigator.credentials.create({ publicKey });
  const finish = await post('/api/register/finish', {
    username,
    attestationResponse: JSON.stringify(credential.toJSON()),
  });
  return { appendAllow: true, attestationOptions: start.attestationOptions, ...finish };
}

async function login() {
  const username = document.getElementById('username').value;
  const start = await post('/api/login/start', { username });
  if (!start.loginAllow) return { loginAllow: false };
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(unwrap(start.assertionOptions));
  const credential = await navigator.credentials.get({ publicKey });
  const finish = await post('/api/login/finish', {
    username,
    assertionResponse: JSON.stringify(credential.toJSON()),
  });
  return { loginAllow: true, assertionOptions: start.assertionOptions, ...finish };
}

/**
 * Conditional UI: asks the browser for a passkey without a modal; the browser offers the
 * user's passkeys in the username field's autofill and resolves once one is picked.
 */
async function conditionalLogin() {
  const start = await post('/api/mediation/start', {});
  if (!start.loginAllow) return { loginAllow: false };
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(unwrap(start.assertionOptions));
  const pending = navigator.credentials.get({ mediation: 'conditional', publicKey });
  // Tells the test that the autofill request is waiting for the user.
  document.getElementById('username').dataset.conditional = 'armed';
  const credential = await pending;
  const finish = await post('/api/mediation/finish', {
    assertionResponse: JSON.stringify(credential.toJSON()),
  });
  return { loginAllow: true, assertionOptions: start.assertionOptions, ...finish };
}

document.getElementById('register').addEventListener('click', () => run(() => register(false)));
document.getElementById('add-passkey').addEventListener('click', () => run(() => register(true)));
document.getElementById('login').addEventListener('click', () => run(login));
// Like a real sign-in page, conditional UI starts on load (here when asked by ?autofill).
if (new URLSearchParams(location.search).has('autofill')) run(conditionalLogin);
