import { invalidField } from '../errors.js';
import { parseId } from '../ids.js';
import { hasControlCharacters } from '../projects/project-settings.js';
import {
  isWebhookEventType,
  type WebhookEventType,
  webhookEventTypes,
} from './webhook-event-types.js';

/** The endpoint record as core hands it to adapters. */
export type { WebhookEndpointRecord } from '../../store/webhook-endpoint.store.js';

/** What the Backend API shows for a stored Basic auth password; the password never leaves. */
export const basicAuthPasswordMask = '********';

export const webhookEndpointLimits = {
  /** Endpoints per project: each one adds a row to every matching event's outbox. */
  endpointsPerProject: 20,
  urlLength: 2048,
  basicAuthLength: 256,
  headerCount: 20,
  headerNameLength: 128,
  headerValueLength: 1024,
} as const;

/**
 * Header names a custom header may not use: ones the delivery sets itself (body framing,
 * content type, Basic auth, the Standard Webhooks headers) and hop-by-hop ones (RFC 9110
 * §7.6.1) that are not the sender's to choose.
 */
const reservedHeaderNames = new Set([
  'authorization',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'expect',
  'host',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** RFC 9110 §5.6.2 `token`: what a header name may be made of. */
const headerToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII, space and tab: a header value fetch can send without re-encoding it. */
const headerValue = /^[\t\x20-\x7e]*$/;

/**
 * Reads a webhookEndpointID (with or without its `whe-` prefix).
 * @throws VALIDATION_FAILED naming `webhookEndpointID`.
 */
export function requireWebhookEndpointId(value: string): string {
  const id = parseId('webhookEndpoint', value);
  if (!id) {
    throw invalidField(
      'webhookEndpointID',
      'must be a webhook endpoint ID like whe-4693224802260150919',
    );
  }
  return id;
}

/** An absolute http(s) URL of at most 2048 characters, without credentials in it. */
export function validateWebhookUrl(value: unknown): string {
  if (typeof value !== 'string') throw invalidField('url', 'must be a string');
  if (value.length === 0 || value.length > webhookEndpointLimits.urlLength) {
    throw invalidField('url', `must be 1 to ${webhookEndpointLimits.urlLength} characters`);
  }
  if (hasControlCharacters(value) || /\s/.test(value)) {
    throw invalidField('url', 'must not contain whitespace or control characters');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidField('url', 'is not an absolute URL; use e.g. https://example.com/webhooks');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidField('url', 'must be an http or https URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidField(
      'url',
      'must not contain credentials; use basicAuthUsername and basicAuthPassword',
    );
  }
  return value;
}

/** A Basic auth user name: at most 256 characters, no colon (RFC 7617 §2), no control characters. */
export function validateBasicAuthUsername(value: unknown): string {
  if (typeof value !== 'string') throw invalidField('basicAuthUsername', 'must be a string');
  if (value.length > webhookEndpointLimits.basicAuthLength) {
    throw invalidField(
      'basicAuthUsername',
      `must be at most ${webhookEndpointLimits.basicAuthLength} characters`,
    );
  }
  if (value.includes(':')) throw invalidField('basicAuthUsername', 'must not contain ":"');
  if (hasControlCharacters(value)) {
    throw invalidField('basicAuthUsername', 'must not contain control characters');
  }
  return value;
}

/** A Basic auth password: at most 256 characters, no control characters. */
export function validateBasicAuthPassword(value: unknown): string {
  if (typeof value !== 'string') throw invalidField('basicAuthPassword', 'must be a string');
  if (value.length > webhookEndpointLimits.basicAuthLength) {
    throw invalidField(
      'basicAuthPassword',
      `must be at most ${webhookEndpointLimits.basicAuthLength} characters`,
    );
  }
  if (hasControlCharacters(value)) {
    throw invalidField('basicAuthPassword', 'must not contain control characters');
  }
  return value;
}

/** A password needs a user name to go with it (a Basic auth header with an empty user is odd). */
export function checkBasicAuthPair(username: string, password: string): void {
  if (password !== '' && username === '') {
    throw invalidField('basicAuthUsername', 'is required when basicAuthPassword is set');
  }
}

/** One to six distinct event types of the spec's `webhookEventType`. */
export function validateSubscribedEvents(value: unknown): WebhookEventType[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidField('subscribedEvents', 'must be a non-empty list of event types');
  }
  for (const item of value) {
    if (!isWebhookEventType(item)) {
      throw invalidField('subscribedEvents', `must be one of ${webhookEventTypes.join(', ')}`);
    }
  }
  if (new Set(value).size !== value.length) {
    throw invalidField('subscribedEvents', 'must not name an event type twice');
  }
  return [...value] as WebhookEventType[];
}

/**
 * Custom headers: at most 20, each name an RFC 9110 token of at most 128 characters that is
 * neither reserved nor a `webhook-*` name, each value at most 1024 characters of visible ASCII,
 * space or tab (so no CR/LF can split the request). Names are compared case-insensitively.
 */
export function validateCustomHeaders(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidField('customHeaders', 'must be an object of header names to values');
  }
  const entries = Object.entries(value);
  if (entries.length > webhookEndpointLimits.headerCount) {
    throw invalidField(
      'customHeaders',
      `must have at most ${webhookEndpointLimits.headerCount} headers`,
    );
  }
  const headers: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, headerValueText] of entries) {
    const lower = name.toLowerCase();
    if (
      name.length === 0 ||
      name.length > webhookEndpointLimits.headerNameLength ||
      !headerToken.test(name)
    ) {
      throw invalidField(
        'customHeaders',
        `header name "${name.slice(0, 40)}" must be 1 to ${webhookEndpointLimits.headerNameLength} token characters (letters, digits, !#$%&'*+-.^_\`|~)`,
      );
    }
    if (reservedHeaderNames.has(lower) || lower.startsWith('webhook-')) {
      throw invalidField('customHeaders', `header ${name} is set by Latchkey and cannot be custom`);
    }
    if (seen.has(lower)) {
      throw invalidField('customHeaders', `header ${name} is given twice`);
    }
    seen.add(lower);
    if (typeof headerValueText !== 'string') {
      throw invalidField('customHeaders', `header ${name} must have a string value`);
    }
    if (headerValueText.length > webhookEndpointLimits.headerValueLength) {
      throw invalidField(
        'customHeaders',
        `header ${name} must be at most ${webhookEndpointLimits.headerValueLength} characters`,
      );
    }
    if (!headerValue.test(headerValueText)) {
      throw invalidField(
        'customHeaders',
        `header ${name} must be visible ASCII characters, spaces or tabs (no line breaks)`,
      );
    }
    headers.push([name, headerValueText]);
  }
  // fromEntries defines own properties, so even a header named __proto__ stays data.
  return Object.fromEntries(headers);
}
