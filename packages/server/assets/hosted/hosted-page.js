// The hosted pages' own script (docs/hosted-pages.md), loaded as an external file so the
// Content Security Policy allows no inline script. The components of @latchkey/web do the
// signing in; this only hands the session over: once signed in, it asks the Frontend API for
// a one-time code bound to the redirect URI and sends the browser there with ?code=….

/** The event `<latchkey-auth>` fires on sign-in, with `{ sessionToken, user }` in detail. */
const signedInEvent = 'latchkey-signed-in';

const root = document.getElementById('latchkey-hosted');
const status = root?.querySelector('.hosted-status');

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
  say('Signed in. Taking you back…');
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
    say(
      `Signed in, but the way back failed: ${body.error?.message ?? body.message ?? response.status}`,
    );
    return;
  }
  window.location.assign(body.redirectURL);
}

if (root && root.dataset.page !== 'account') {
  let handing = false;
  root.addEventListener(signedInEvent, (event) => {
    const token = event.detail?.sessionToken;
    if (handing || typeof token !== 'string') return;
    handing = true;
    handOver(token).catch((error) => {
      handing = false;
      say(`Signed in, but the way back failed: ${error.message}`);
    });
  });
}
