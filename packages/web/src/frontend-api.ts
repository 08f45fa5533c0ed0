/*
 * The Frontend API over fetch: the process (/v2/auth/*, keyed by the process token in
 * x-corbado-process-id) and the signed-in user (/v2/me*). No UI here; the elements use it.
 */

/** spec_v2.yaml `blockBody`: one block with its data, alternatives and error. */
export interface BlockBody {
  block: string;
  authType: 'signup' | 'login';
  data: Record<string, unknown>;
  alternatives?: BlockBody[];
  error?: BlockError;
  continueOnOtherDevice?: { reason: string };
}

/** An expected failure that keeps the flow on its block (`invalid_code`, `passkey_error`, …). */
export interface BlockError {
  code: string;
  message: string;
}

/** spec_v2.yaml `processResponse`. */
export interface ProcessResponse {
  blockBody: BlockBody;
  common: { appName: string; frontendApiUrl: string; hideBadge: boolean };
}

/** spec_v2.yaml `passkey` as /v2/me/passkeys lists it. */
export interface Passkey {
  id: string;
  credentialID: string;
  attestationType: string;
  transport: string[];
  backupEligible: boolean;
  backupState: boolean;
  authenticatorAAGUID: string;
  sourceOS: string;
  sourceBrowser: string;
  lastUsed: string;
  created: string;
  status: string;
  aaguidDetails: { aaguid: string; name: string; iconLight: string; iconDark: string };
}

/** spec_v2.yaml `meRsp`. */
export interface Me {
  id: string;
  fullName: string;
  identifiers: Array<{ id: string; value: string; type: string; status: string }>;
}

/**
 * A request the API refused (common.yml `errorRsp`): `code` is Latchkey's stable error code
 * (`PROCESS_EXPIRED`, `SESSION_INVALID`, …), `field` the first field validation named.
 */
export class FrontendApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FrontendApiError';
  }
}

/** What the browser can tell the server about itself (spec_v2.yaml `clientInformation`). */
export async function clientInformation(): Promise<Record<string, unknown>> {
  const pkc = globalThis.PublicKeyCredential as
    | (typeof PublicKeyCredential & { isConditionalMediationAvailable?: () => Promise<boolean> })
    | undefined;
  const ask = async (check: (() => Promise<boolean>) | undefined) => {
    try {
      return check ? await check() : false;
    } catch {
      return false;
    }
  };
  return {
    isUserVerifyingPlatformAuthenticatorAvailable: await ask(
      pkc && (() => pkc.isUserVerifyingPlatformAuthenticatorAvailable()),
    ),
    isConditionalMediationAvailable: await ask(
      pkc?.isConditionalMediationAvailable && (() => pkc.isConditionalMediationAvailable!()),
    ),
    isNative: false,
  };
}

export interface FrontendApiOptions {
  /** The Frontend API's base URL, e.g. `https://auth.example.com` (no trailing slash needed). */
  baseUrl: string;
  projectId: string;
  /** Injectable for tests and non-browser hosts; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** A thin client of one project's Frontend API. */
export class FrontendApi {
  readonly baseUrl: string;
  readonly projectId: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: FrontendApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.projectId = options.projectId;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * One request. Cookies go along (`credentials: include`): the refresh cookie lives on the
   * Frontend API's host, and CORS there allows credentials for the project's origins only.
   * @throws FrontendApiError for any non-2xx answer.
   */
  async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      'x-corbado-projectid': this.projectId,
      ...options.headers,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        credentials: 'include',
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      });
    } catch (cause) {
      throw new FrontendApiError(0, 'NETWORK', String(cause));
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const body = (parsed ?? {}) as {
        message?: string;
        error?: { code?: string; details?: string; validation?: Array<{ field?: string }> };
      };
      throw new FrontendApiError(
        response.status,
        body.error?.code ?? `HTTP_${response.status}`,
        body.error?.details ?? body.message ?? text,
        body.error?.validation?.[0]?.field,
      );
    }
    return parsed as T;
  }

  /** POST /v2/auth/process/init: a new process; answers its token and first block. */
  initProcess(body: {
    clientInformation: Record<string, unknown>;
    preferredBlock?: 'signup-init' | 'login-init';
  }): Promise<{ token: string; expiresAt: number; processResponse: ProcessResponse }> {
    return this.request('POST', '/v2/auth/process/init', { body });
  }

  /** One step of the process named by `token` (POST with a body, or GET without). */
  step(token: string, path: string, body?: unknown): Promise<ProcessResponse> {
    return this.request(body === undefined ? 'GET' : 'POST', `/v2/auth${path}`, {
      body,
      headers: { 'x-corbado-process-id': token },
    });
  }

  /**
   * Opens an email link on a device without the process (no process token): the code is
   * `<challengeID>.<code>` from the link (docs/process-flows.md). The waiting device continues;
   * this one gets the block with `continueOnOtherDevice`.
   */
  verifyEmailLink(challengeId: string, code: string): Promise<ProcessResponse> {
    return this.request('POST', '/v2/auth/identifier/verify/finish', {
      body: {
        code: `${challengeId}.${code}`,
        identifierType: 'email',
        verificationType: 'email-link',
        isNewDevice: true,
      },
    });
  }

  /**
   * POST /v2/me/refresh: a new session token from the refresh cookie, or from `refreshToken`
   * (Bearer) where the server handed one out in the body (apps, `dev` projects).
   */
  refresh(refreshToken?: string): Promise<{ sessionToken: string; longSession?: string }> {
    return this.request('POST', '/v2/me/refresh', {
      ...(refreshToken && { headers: { authorization: `Bearer ${refreshToken}` } }),
    });
  }

  /** POST /v2/me/logout: ends the long session (cookie, else the session token). */
  logout(sessionToken?: string, refreshToken?: string): Promise<void> {
    const bearer = refreshToken ?? sessionToken;
    return this.request('POST', '/v2/me/logout', {
      ...(bearer && { headers: { authorization: `Bearer ${bearer}` } }),
    });
  }

  /** GET /v2/me. */
  me(sessionToken: string): Promise<Me> {
    return this.request('GET', '/v2/me', { headers: bearer(sessionToken) });
  }

  /** GET /v2/me/passkeys: the signed-in user's passkeys, oldest first. */
  async passkeys(sessionToken: string): Promise<Passkey[]> {
    const body = await this.request<{ passkeys: Passkey[] }>('GET', '/v2/me/passkeys', {
      headers: bearer(sessionToken),
    });
    return body.passkeys;
  }

  /** DELETE /v2/me/passkeys/{id} (`cre-…`). */
  async deletePasskey(sessionToken: string, id: string): Promise<void> {
    await this.request('DELETE', `/v2/me/passkeys/${encodeURIComponent(id)}`, {
      headers: bearer(sessionToken),
    });
  }

  /** POST /v2/me/passkeys/append/start: creation options (JSON text) for a new passkey. */
  async startPasskeyAppend(sessionToken: string): Promise<string> {
    const body = await this.request<{ attestationOptions: string }>(
      'POST',
      '/v2/me/passkeys/append/start',
      { headers: bearer(sessionToken), body: { clientInformation: await clientInformation() } },
    );
    return body.attestationOptions;
  }

  /** POST /v2/me/passkeys/append/finish with the new credential as JSON text. */
  async finishPasskeyAppend(sessionToken: string, attestationResponse: string): Promise<void> {
    await this.request('POST', '/v2/me/passkeys/append/finish', {
      headers: bearer(sessionToken),
      body: { attestationResponse, clientInformation: await clientInformation() },
    });
  }
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
