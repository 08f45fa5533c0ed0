/** Which hosted page: the components each one places differ. */
export type HostedPageKind = 'login' | 'signup' | 'account';

/** Languages of the pages' own few texts (the components bring theirs: en, de). */
export type HostedLanguage = 'en' | 'de';

const texts = {
  en: {
    login: 'Sign in',
    signup: 'Create your account',
    account: 'Your account',
    noscript: 'This page needs JavaScript to sign you in with a passkey.',
  },
  de: {
    login: 'Anmelden',
    signup: 'Konto erstellen',
    account: 'Ihr Konto',
    noscript: 'Diese Seite braucht JavaScript, um Sie mit einem Passkey anzumelden.',
  },
} as const satisfies Record<HostedLanguage, Record<string, string>>;

/**
 * The page's language: `?lang=` when it names one, else the first of Accept-Language
 * (RFC 9110 §12.5.4, by q-value) that the pages speak, else English.
 */
export function languageOf(
  query: string | undefined,
  acceptLanguage: string | undefined,
): HostedLanguage {
  const known = (tag: string | undefined): HostedLanguage | undefined => {
    const primary = tag?.trim().toLowerCase().split('-')[0];
    return primary === 'en' || primary === 'de' ? primary : undefined;
  };
  const asked = known(query);
  if (asked) return asked;
  const ranked = (acceptLanguage ?? '')
    .slice(0, 512)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.split(';');
      const q = Number(/^\s*q=([0-9.]+)\s*$/.exec(params.join(';'))?.[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const language = known(entry.tag);
    if (language) return language;
  }
  return 'en';
}

/** Everything a hosted page shows; all of it is escaped on the way into the HTML. */
export interface HostedPageView {
  kind: HostedPageKind;
  language: HostedLanguage;
  projectId: string;
  projectName: string;
  /** The Frontend API the components call: the page's own origin (same-origin, no CORS). */
  frontendApi: string;
  /** Where to go once signed in: a checked redirect URI, or undefined for the account page. */
  redirectUri: string | undefined;
  state: string | undefined;
  /** Query string (`?projectID=…&lang=…`) the page script carries on to /account. */
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

function componentsOf(view: HostedPageView): string {
  const common = `project-id="${escapeHtml(view.projectId)}" frontend-api="${escapeHtml(view.frontendApi)}"`;
  switch (view.kind) {
    case 'login':
      return `<latchkey-auth ${common} mode="login"></latchkey-auth>`;
    case 'signup':
      return `<latchkey-auth ${common} mode="signup"></latchkey-auth>`;
    case 'account':
      return `<latchkey-user ${common}></latchkey-user>\n<latchkey-passkeys ${common}></latchkey-passkeys>\n<latchkey-auth ${common} mode="login" hidden></latchkey-auth>`;
  }
}

/** The document up to `<body>`: language, viewport, no referrer, title, style and scripts. */
function head(language: string, title: string, links: string[]): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
${links.join('\n')}
</head>
<body>`;
}

/** Renders a hosted page: a shell that loads the web bundle and places the components. */
export function renderHostedPage(view: HostedPageView): string {
  const t = texts[view.language];
  const title = `${t[view.kind]} · ${view.projectName}`;
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
  return `${head(view.language, title, [
    `<link rel="stylesheet" href="${escapeHtml(view.assets.style)}">`,
    `<script type="module" src="${escapeHtml(view.assets.bundle)}"></script>`,
    `<script type="module" src="${escapeHtml(view.assets.script)}"></script>`,
  ])}
<main class="hosted" id="latchkey-hosted"${data}>
<h1>${escapeHtml(view.projectName)}</h1>
<h2>${escapeHtml(t[view.kind])}</h2>
${componentsOf(view)}
<p class="hosted-status" role="status" aria-live="polite"></p>
<noscript><p>${t.noscript}</p></noscript>
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
  const style = input.styleUrl
    ? [`<link rel="stylesheet" href="${escapeHtml(input.styleUrl)}">`]
    : [];
  return `${head('en', `Cannot continue (${input.status})`, style)}
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
