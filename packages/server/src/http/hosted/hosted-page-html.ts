/** Which hosted page: the components each one places differ. */
export type HostedPageKind = 'login' | 'signup' | 'account';

/** Everything a hosted page shows; all of it is escaped on the way into the HTML. */
export interface HostedPageView {
  kind: HostedPageKind;
  projectId: string;
  projectName: string;
  /** The Frontend API the components call: the page's own origin (same-origin, no CORS). */
  frontendApi: string;
  /** Where to go once signed in: a checked redirect URI, or undefined for the account page. */
  redirectUri: string | undefined;
  state: string | undefined;
  /** Query string (`?projectID=…&redirect_uri=…`) the links between the pages carry on. */
  carriedQuery: string;
  /** URLs of the web bundle, the page script and the style sheet, with their `?v=`. */
  assets: { bundle: string; script: string; style: string };
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

const titles: Record<HostedPageKind, string> = {
  login: 'Sign in',
  signup: 'Create your account',
  account: 'Your account',
};

function componentsOf(view: HostedPageView): string {
  const common = `project-id="${escapeHtml(view.projectId)}" frontend-api="${escapeHtml(view.frontendApi)}"`;
  const link = (path: string, text: string) =>
    `<p class="hosted-switch"><a href="${escapeHtml(`${path}${view.carriedQuery}`)}">${text}</a></p>`;
  switch (view.kind) {
    case 'login':
      return `<latchkey-auth ${common} mode="login"></latchkey-auth>\n${link('/signup', 'No account yet? Create one')}`;
    case 'signup':
      return `<latchkey-auth ${common} mode="signup"></latchkey-auth>\n${link('/login', 'Have an account? Sign in')}`;
    case 'account':
      return `<latchkey-user ${common}></latchkey-user>\n<latchkey-passkeys ${common}></latchkey-passkeys>\n<latchkey-auth ${common} mode="login" hidden></latchkey-auth>`;
  }
}

/** Renders a hosted page: a shell that loads the web bundle and places the components. */
export function renderHostedPage(view: HostedPageView): string {
  const title = `${titles[view.kind]} · ${view.projectName}`;
  const data = [
    ['page', view.kind],
    ['project-id', view.projectId],
    ['frontend-api', view.frontendApi],
    ...(view.redirectUri === undefined ? [] : [['redirect-uri', view.redirectUri]]),
    ...(view.state === undefined ? [] : [['state', view.state]]),
    ['carried-query', view.carriedQuery],
  ]
    .map(([name, value]) => ` data-${name}="${escapeHtml(value ?? '')}"`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(view.assets.style)}">
<script type="module" src="${escapeHtml(view.assets.bundle)}"></script>
<script type="module" src="${escapeHtml(view.assets.script)}"></script>
</head>
<body>
<main class="hosted" id="latchkey-hosted"${data}>
<h1>${escapeHtml(view.projectName)}</h1>
<h2>${escapeHtml(titles[view.kind])}</h2>
${componentsOf(view)}
<p class="hosted-status" role="status" aria-live="polite"></p>
<noscript><p>This page needs JavaScript to sign you in with a passkey.</p></noscript>
</main>
</body>
</html>
`;
}

/** Renders an error page: what went wrong, in words, and which input it was about. */
export function renderErrorPage(input: {
  status: number;
  code: string;
  message: string;
  field: string | undefined;
  requestId: string;
  styleUrl: string | undefined;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Cannot continue (${input.status})</title>
${input.styleUrl ? `<link rel="stylesheet" href="${escapeHtml(input.styleUrl)}">` : ''}
</head>
<body>
<main class="hosted hosted-error" id="latchkey-hosted" data-error-code="${escapeHtml(input.code)}">
<h1>This sign-in link cannot be used</h1>
<p class="hosted-error-message">${escapeHtml(input.message)}</p>
${input.field ? `<p>The problem is with <code>${escapeHtml(input.field)}</code>.</p>` : ''}
<p class="hosted-error-details">Error <code>${escapeHtml(input.code)}</code>, request <code>${escapeHtml(input.requestId)}</code>. If a link of an application brought you here, tell its operator.</p>
</main>
</body>
</html>
`;
}
