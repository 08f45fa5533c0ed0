/** What Latchkey's code exchange answers (docs/hosted-pages.md). */
export interface ExchangedSession {
  sessionToken: string;
  sessionTokenExpiresMs: number;
  longSession: string;
  sessionID: string;
  userID: string;
}

/** Latchkey answered something other than 200. */
export class LatchkeyRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`Latchkey answered ${status}${code ? ` ${code}` : ''}`);
    this.name = 'LatchkeyRequestError';
  }
}

export interface LatchkeyBackendOptions {
  /** Latchkey's Backend API origin, e.g. http://localhost:8080. */
  baseUrl: string;
  projectId: string;
  apiSecret: string;
  fetch?: typeof fetch;
}

/**
 * The one Backend API call the demo makes: `POST /v2/hosted/exchange` with the project's API
 * secret (HTTP Basic), turning the redirect's one-time code into a session.
 */
export function createLatchkeyBackend(options: LatchkeyBackendOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const authorization = `Basic ${Buffer.from(`${options.projectId}:${options.apiSecret}`).toString('base64')}`;
  return {
    async exchangeCode(code: string, redirectUri: string): Promise<ExchangedSession> {
      const response = await fetchImpl(`${options.baseUrl}/v2/hosted/exchange`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ code, redirectURI: redirectUri }),
      });
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.status !== 200) {
        const error = body.error as { code?: string } | undefined;
        throw new LatchkeyRequestError(response.status, error?.code);
      }
      return body as unknown as ExchangedSession;
    },
  };
}

export type LatchkeyBackend = ReturnType<typeof createLatchkeyBackend>;
