import type { SmsTransport } from './transports.js';

export interface WebhookSmsTransportOptions {
  /** Where to POST `{"to": "+49…", "text": "…"}`. */
  url: string;
  /** Sent as the `Authorization` header when set (e.g. `Bearer …`). */
  authorization?: string | undefined;
  /** Gives up after this long. Default 10 s. */
  timeoutMs?: number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

/**
 * Sends SMS through any provider behind a small HTTP bridge: a JSON POST of `{to, text}`;
 * any 2xx answer means handed over. Redirects are not followed, so the message and the
 * credentials go only to the configured URL.
 */
export function createWebhookSmsTransport(options: WebhookSmsTransportOptions): SmsTransport {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    kind: 'webhook',
    async send(sms) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.authorization) headers.authorization = options.authorization;
      const response = await fetchImpl(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: sms.to, text: sms.text }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => {});
      if (response.status < 200 || response.status >= 300) {
        throw new Error(`the SMS webhook answered HTTP ${response.status}`);
      }
    },
  };
}
