import type { ClientInformation } from './client-information.js';

/** What Latchkey's error envelope (common.yml `errorRsp`) tells about a refused call. */
export class BackendApiError extends Error {
  constructor(
    /** The HTTP status Latchkey answered (0 when it could not be reached). */
    readonly status: number,
    /** Latchkey's stable error code (`error.code`), e.g. `CHALLENGE_CODE_INVALID`. */
    readonly code: string,
    message: string,
    /** The fields Latchkey named (`error.validation[].field`). */
    readonly fields: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BackendApiError';
  }
}

/** backend_api.yml `passkeyData`: who logged in (or appended) with which passkey. */
export interface PasskeyData {
  id: string;
  userID: string;
  username: string;
  ceremonyType: string;
  challengeID: string;
  aaguidDetails: { aaguid: string; name: string; iconLight: string; iconDark: string };
}

export type UserStatus = 'pending' | 'active' | 'disabled';

export interface BackendApiOptions {
  /** Latchkey's Backend API origin (`CORBADO_BACKEND_API`). */
  baseUrl: string;
  projectId: string;
  apiSecret: string;
  fetch?: typeof fetch;
  /** Per call; a hung Latchkey fails the request instead of holding it. Default 10 s. */
  timeoutMs?: number;
}

type Json = Record<string, unknown>;

/**
 * The Backend API calls this example makes, with the project's API secret (HTTP Basic
 * `projectID:apiSecret`). Each method is one documented operation of backend_api.yml.
 */
export class BackendApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly authorization: string;

  constructor(private readonly options: BackendApiOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.authorization = `Basic ${Buffer.from(`${options.projectId}:${options.apiSecret}`).toString('base64')}`;
  }

  /**
   * One call; a 2xx answer's JSON, else BackendApiError with Latchkey's code.
   * @throws BackendApiError (status 0, code `UNREACHABLE` when Latchkey did not answer).
   */
  private async call(method: string, path: string, body?: unknown): Promise<Json> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.options.baseUrl}/v2${path}`, {
        method,
        headers: {
          authorization: this.authorization,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (cause) {
      throw new BackendApiError(0, 'UNREACHABLE', 'the passkey server did not answer', [], {
        cause,
      });
    }
    const text = await response.text();
    let parsed: Json = {};
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Json);
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    if (response.ok) return parsed;
    const error = (parsed.error ?? {}) as { code?: string; validation?: Array<{ field: string }> };
    throw new BackendApiError(
      response.status,
      error.code ?? `HTTP_${response.status}`,
      typeof parsed.message === 'string' ? parsed.message : `Latchkey answered ${response.status}`,
      (error.validation ?? []).map((problem) => problem.field),
    );
  }

  /** IdentifierList filtered to one email: its owner's ID and the identifier, if any. */
  async findEmailIdentifier(
    email: string,
  ): Promise<{ userID: string; identifierID: string; status: string } | undefined> {
    const query = new URLSearchParams([
      ['filter[]', 'identifierType:eq:email'],
      ['filter[]', `identifierValue:eq:${email}`],
      ['pageSize', '1'],
    ]);
    const answer = await this.call('GET', `/identifiers?${query}`);
    const [found] = (answer.identifiers ?? []) as Array<{
      userID: string;
      identifierID: string;
      status: string;
    }>;
    return found;
  }

  /** UserCreate. */
  async createUser(status: UserStatus): Promise<string> {
    const user = await this.call('POST', '/users', { status });
    return user.userID as string;
  }

  /** UserGet: the user's status. */
  async getUserStatus(userID: string): Promise<UserStatus> {
    const user = await this.call('GET', `/users/${encodeURIComponent(userID)}`);
    return user.status as UserStatus;
  }

  /** UserUpdate (status only). */
  async setUserStatus(userID: string, status: UserStatus): Promise<void> {
    await this.call('PATCH', `/users/${encodeURIComponent(userID)}`, { status });
  }

  /** UserDelete. */
  async deleteUser(userID: string): Promise<void> {
    await this.call('DELETE', `/users/${encodeURIComponent(userID)}`);
  }

  /**
   * IdentifierCreate for an email.
   * @throws BackendApiError `DUPLICATE_VALUE` when another user has it.
   */
  async createEmailIdentifier(userID: string, email: string): Promise<string> {
    const identifier = await this.call('POST', `/users/${encodeURIComponent(userID)}/identifiers`, {
      identifierType: 'email',
      identifierValue: email,
      status: 'pending',
    });
    return identifier.identifierID as string;
  }

  /** IdentifierUpdate (status only). */
  async setIdentifierStatus(userID: string, identifierID: string, status: string): Promise<void> {
    await this.call(
      'PATCH',
      `/users/${encodeURIComponent(userID)}/identifiers/${encodeURIComponent(identifierID)}`,
      { status },
    );
  }

  /** ChallengeCreate with `email_otp`: Latchkey sends the code; the answer never holds it. */
  async sendEmailCode(
    userID: string,
    email: string,
    clientInformation: ClientInformation,
  ): Promise<{ challengeID: string; expiresMs: number }> {
    const challenge = await this.call('POST', `/users/${encodeURIComponent(userID)}/challenges`, {
      challengeType: 'email_otp',
      identifierValue: email,
      clientInformation,
    });
    return {
      challengeID: challenge.challengeID as string,
      expiresMs: (challenge.expires as number) * 1000,
    };
  }

  /**
   * ChallengeUpdate: completes the challenge when `code` is right.
   * @throws BackendApiError `CHALLENGE_CODE_INVALID`, `CHALLENGE_EXPIRED`, `CHALLENGE_LOCKED`,
   *   `CHALLENGE_NOT_PENDING`.
   */
  async verifyCode(userID: string, challengeID: string, code: string): Promise<void> {
    await this.call(
      'PATCH',
      `/users/${encodeURIComponent(userID)}/challenges/${encodeURIComponent(challengeID)}`,
      { value: code },
    );
  }

  /** PasskeyAppendStart, always allowed (the user asked for it): the options JSON text. */
  async appendStart(input: {
    userID: string;
    processID: string;
    username: string;
    clientInformation: ClientInformation;
  }): Promise<string> {
    const answer = await this.call('POST', '/passkey/append/start', {
      ...input,
      passkeyIntelFlags: { forcePasskeyAppend: true },
    });
    return answer.attestationOptions as string;
  }

  /** PasskeyAppendFinish. */
  async appendFinish(input: {
    userID: string;
    processID: string;
    attestationResponse: string;
    clientInformation: ClientInformation;
  }): Promise<PasskeyData> {
    const answer = await this.call('POST', '/passkey/append/finish', {
      ...input,
      trackingID: input.processID,
    });
    return answer.passkeyData as PasskeyData;
  }

  /** PasskeyLoginStart (identifier-first): the options JSON text. */
  async loginStart(input: {
    userID: string;
    processID: string;
    clientInformation: ClientInformation;
  }): Promise<string> {
    const answer = await this.call('POST', '/passkey/login/start', {
      ...input,
      crossDeviceAuthenticationStrategy: 'standard',
    });
    return answer.assertionOptions as string;
  }

  /** PasskeyLoginFinish. */
  async loginFinish(input: {
    userID: string;
    processID: string;
    assertionResponse: string;
    clientInformation: ClientInformation;
  }): Promise<PasskeyData> {
    const answer = await this.call('POST', '/passkey/login/finish', {
      ...input,
      trackingID: input.processID,
    });
    return answer.passkeyData as PasskeyData;
  }

  /** PasskeyMediationStart (conditional UI): the options JSON text. */
  async mediationStart(clientInformation: ClientInformation): Promise<string> {
    const answer = await this.call('POST', '/passkey/mediation/start', { clientInformation });
    return answer.assertionOptions as string;
  }

  /**
   * PasskeyMediationFinish: the passkey's data, or `credentialDeleted` when Latchkey knows no
   * such passkey (the browser offered one that was deleted).
   */
  async mediationFinish(input: {
    processID: string;
    assertionResponse: string;
    clientInformation: ClientInformation;
  }): Promise<PasskeyData | 'credentialDeleted'> {
    const answer = await this.call('POST', '/passkey/mediation/finish', {
      ...input,
      trackingID: input.processID,
    });
    const error = answer.error as { type?: string } | undefined;
    if (error?.type) return 'credentialDeleted';
    return answer.passkeyData as PasskeyData;
  }
}
