import { randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const acceptedRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request ID: the caller's `X-Request-ID` when it is a short, safe token (so IDs can be
 * followed across services), otherwise a new `req-` plus 19 digits.
 */
export function generateRequestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  if (typeof incoming === 'string' && acceptedRequestId.test(incoming)) return incoming;
  let digits = String(randomInt(1, 10));
  while (digits.length < 19) digits += String(randomInt(0, 10));
  return `req-${digits}`;
}
