// Drives the Frontend API's process (/v2/auth/*) the way Corbado's web-js does: init, then
// one step at a time with the token in x-corbado-process-id.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { assertProcessResponseMatchesSpec } from './frontend-spec.js';
import type { TestServer } from './test-server.js';

/** spec_v2.yaml `blockBody`, as the tests read it. */
export interface WireBlock {
  block: string;
  authType: string;
  data: Record<string, unknown> & { blockType: string };
  alternatives?: WireBlock[];
  error?: { code: string; message: string };
  continueOnOtherDevice?: { reason: string };
}

/** The Frontend API's clientInformation for a desktop browser that can use passkeys. */
export function frontendClient(overrides: Record<string, unknown> = {}) {
  return {
    isUserVerifyingPlatformAuthenticatorAvailable: true,
    isConditionalMediationAvailable: false,
    bluetoothAvailable: true,
    ...overrides,
  };
}

/** Chrome on a Mac: the default client of the process tests. */
export const desktopChrome =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Safari on an iPhone: a phone whose passkeys a desktop reaches over hybrid. */
export const iphoneSafari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** One process of one project. */
export class ProcessClient {
  token = '';
  lastResponse: LightMyRequestResponse | undefined;

  constructor(
    private readonly server: Pick<TestServer, 'app'>,
    private readonly projectId: string,
    /** The browser the process runs in (the decision engine tells clients apart by it). */
    private readonly userAgent = desktopChrome,
  ) {}

  /** POST /v2/auth/process/init; returns the first block. */
  async init(body: Record<string, unknown> = {}): Promise<WireBlock> {
    const response = await this.call('POST', '/v2/auth/process/init', {
      clientInformation: frontendClient(),
      ...body,
    });
    assert.equal(response.statusCode, 200, response.body);
    assertProcessResponseMatchesSpec(JSON.parse(response.body), { init: true });
    const parsed = JSON.parse(response.body) as {
      token: string;
      expiresAt: number;
      processResponse: { blockBody: WireBlock };
    };
    this.token = parsed.token;
    return parsed.processResponse.blockBody;
  }

  /** A raw request with the process token (if any) and the project header. */
  async call(method: 'GET' | 'POST', url: string, payload?: unknown, token = this.token) {
    const response = await this.server.app.inject({
      method,
      url,
      headers: {
        'x-corbado-projectid': this.projectId,
        ...(token && { 'x-corbado-process-id': token }),
        'user-agent': this.userAgent,
      },
      ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
    });
    this.lastResponse = response;
    return response;
  }

  /** One step that must answer 200 with a processResponse as spec_v2.yaml has it; returns its block. */
  async step(url: string, payload?: unknown, method: 'GET' | 'POST' = 'POST'): Promise<WireBlock> {
    const response = await this.call(method, url, payload ?? (method === 'POST' ? {} : undefined));
    assert.equal(response.statusCode, 200, response.body);
    assertProcessResponseMatchesSpec(JSON.parse(response.body));
    return (JSON.parse(response.body) as { blockBody: WireBlock }).blockBody;
  }
}

/** The 6-digit code in a message text. */
export function codeIn(text: string): string {
  const match = /\b(\d{6})\b/.exec(text);
  assert.ok(match, `no code in: ${text}`);
  return match[1] as string;
}
