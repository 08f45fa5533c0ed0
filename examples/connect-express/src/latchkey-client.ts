/** Connect token types (backend_api.yml `connectTokenType`). */
export type ConnectTokenType =
  | 'passkey-append'
  | 'passkey-list'
  | 'passkey-delete'
  | 'passkey-login';

/** What `verifySignedData` can answer (backend_api.yml `passkeyVerifySignedDataRsp`). */
export type VerificationResult =
  | 'success'
  | 'invalid_signature'
  | 'invalid_challenge'
  | 'user_mismatch'
  | 'generic_error';

export interface LatchkeyClientOptions {
  /** Latchkey's Backend API origin, e.g. http://localhost:8080. */
  baseUrl: string;
  projectId: string;
  apiSecret: string;
  fetch?: typeof fetch;
}

/** The two Backend API calls this example needs, with the project's API secret. */
export interface LatchkeyClient {
  createConnectToken(
    type: ConnectTokenType,
    data: { identifier: string; displayName?: string },
  ): Promise<string>;
  verifySignedData(signedPasskeyData: string, username: string): Promise<VerificationResult>;
}

/** Thrown when Latchkey answers something other than 200. */
export class LatchkeyRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`Latchkey answered ${status}`);
    this.name = 'LatchkeyRequestError';
  }
}

/** Creates a client for Latchkey's Backend API (HTTP Basic with project ID and API secret). */
export function createLatchkeyClient(options: LatchkeyClientOptions): LatchkeyClient {
  const fetchImpl = options.fetch ?? fetch;
  const authorization = `Basic ${Buffer.from(`${options.projectId}:${options.apiSecret}`).toString('base64')}`;
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await fetchImpl(`${options.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 200) throw new LatchkeyRequestError(response.status, text);
    return JSON.parse(text) as Record<string, unknown>;
  };
  return {
    async createConnectToken(type, data) {
      const token = await post('/v2/connectTokens', { type, data });
      return token.secret as string;
    },
    async verifySignedData(signedPasskeyData, username) {
      const answer = await post('/v2/passkey/verifySignedData', { signedPasskeyData, username });
      return answer.verificationResult as VerificationResult;
    },
  };
}
