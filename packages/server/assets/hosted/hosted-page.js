// The hosted pages' own script (docs/hosted-pages.md), loaded as an external file so the
// Content Security Policy allows no inline script. The components of @latchkey/web do the
// signing in; this only hands the session over: once signed in, it asks the Frontend API for
// a one-time code bound to the redirect URI and sends the browser there with ?code=….

const root = document.getElementById('latchkey-hosted');
const status = root?.querySelector('.hosted-status');
const german = document.documentElement.lang === 'de';
const texts = german
  ? {
      returning: 'Angemeldet. Sie werden zurückgeleitet …',
      failed: 'Angemeldet, aber die Rückleitung ist fehlgeschlagen:',
      continueAs: (name) => `Weiter als ${name}`,
    }
  : {
      returning: 'Signed in. Taking you back…',
      failed: 'Signed in, but the way back failed:',
      continueAs: (name) => `Continue as ${name}`,
    };

/** Says what is happening in the live region, so screen readers hear it too. */
function say(text) {
  if (status) status.textContent = text;
}

/** Asks for the one-time code and follows the redirect; on failure says why and stays. */
async function handOver(sessionToken) {
  const data = root.dataset;
  if (!data.redirectUri) {
    window.location.assign(`/account${data.carriedQuery ?? ''}`);
    return;
  }
  say(texts.returning);
  const response = await fetch(`${data.frontendApi}/v2/hosted/code`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      'x-corbado-projectid': data.projectId,
      authorization: `Bearer ${sessionToken}`,
    },
    body: JSON.stringify({
      redirectURI: data.redirectUri,
      ...(data.state !== undefined && { state: data.state }),
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.redirectURL !== 'string') {
    throw new Error(body.error?.details ?? body.message ?? String(response.status));
  }
  window.location.assign(body.redirectURL);
}

let handing = false;
/** One handoff at a time (the sign-in event and the "continue" button may race). */
function handOverOnce(sessionToken) {
  if (handing || typeof sessionToken !== 'string' || sessionToken === '') return;
  handing = true;
  handOver(sessionToken).catch((error) => {
    handing = false;
    say(`${texts.failed} ${error.message}`);
  });
}

async function setUp() {
  if (!root) return;
  // The bundle is a module script before this one, so the elements are defined; every
  // element of the page shares one Session (@latchkey/web README: `element.session`).
  await customElements.whenDefined('latchkey-auth');
  const auth = root.querySelector('latchkey-auth');
  const session = auth.session;
  if (root.dataset.page === 'account') {
    // Signed out: the login form; signed in: the account.
    const update = () => {
      auth.hidden = Boolean(session.user);
    };
    session.addEventListener('change', update);
    update();
    return;
  }
  root.addEventListener('latchkey-signed-in', (event) => {
    handOverOnce(event.detail?.sessionToken);
  });
  // Already signed in on this browser: offer to go straight back with that account.
  const user = session.user;
  if (user) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'hosted-continue';
    button.textContent = texts.continueAs(user.name || user.email || user.identifier || user.id);
    button.addEventListener('click', async () => handOverOnce(await session.getToken()));
    root.insertBefore(button, auth);
  }
}

setUp().catch((error) => say(error.message));
