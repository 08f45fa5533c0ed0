import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { assertNoLeaks, type ErrorEnvelope } from '../backend-assertions.js';
import { assertMatchesSpec } from '../spec-schemas.js';

/** Driver and SQL text that must never reach a client (on top of assertNoLeaks). */
const sqlLeaks = [
  /\bselect\b[^"]{0,80}\bfrom\b/i,
  /\binsert into\b/i,
  /\bconstraint failed\b/i,
  /\bduplicate key\b/i,
  /SQLITE_[A-Z]/,
  /\bcolumn "/i,
  /\bkysely\b/i,
  /\bpg_[a-z]/,
  /\bECONN[A-Z]+\b/,
];

/**
 * The properties every response of the Backend API keeps, whatever was sent:
 * never a 5xx; always JSON with an `X-Request-ID`; every 4xx is common.yml's `errorRsp`
 * tied to that request ID, without stack traces or SQL.
 * @returns the envelope of a 4xx (undefined for a 2xx)
 */
export function checkResponse(
  response: LightMyRequestResponse,
  method: string,
): ErrorEnvelope | undefined {
  const status = response.statusCode;
  assert.ok(status < 500, `never a 5xx: got ${status} ${response.body.slice(0, 2000)}`);
  assert.ok(
    (status >= 200 && status < 300) || (status >= 400 && status < 500),
    `expected 2xx or 4xx, got ${status}`,
  );
  const requestId = response.headers['x-request-id'];
  assert.equal(typeof requestId, 'string', 'every response carries X-Request-ID');
  assert.match(String(requestId), /\S/);
  if (method === 'HEAD') return undefined;
  assert.match(
    String(response.headers['content-type']),
    /^application\/json/,
    `responses are JSON, got ${response.headers['content-type']}`,
  );
  let body: unknown;
  assert.doesNotThrow(
    () => {
      body = JSON.parse(response.body);
    },
    `body is not JSON: ${response.body.slice(0, 500)}`,
  );
  if (status < 400) return undefined;

  assertNoLeaks(response);
  for (const pattern of sqlLeaks) {
    assert.doesNotMatch(
      response.body,
      pattern,
      `error body leaks SQL/driver text: ${response.body}`,
    );
  }
  assertMatchesSpec('errorRsp', body);
  const envelope = body as ErrorEnvelope;
  assert.equal(envelope.httpStatusCode, status, 'httpStatusCode equals the status');
  assert.equal(typeof envelope.message, 'string');
  assert.ok(envelope.message.length > 0, 'message is empty');
  assert.equal(
    envelope.requestData?.requestID,
    requestId,
    'requestData.requestID equals X-Request-ID',
  );
  assert.equal(typeof envelope.runtime, 'number');
  assert.ok(Number.isFinite(envelope.runtime) && envelope.runtime >= 0, 'runtime is not >= 0');
  assert.equal(typeof envelope.error?.type, 'string');
  assert.ok(envelope.error.type.length > 0, 'error.type is empty');
  assert.equal(typeof envelope.error.code, 'string');
  assert.match(envelope.error.code, /^[A-Z][A-Z0-9_]*$/, 'error.code is SCREAMING_SNAKE');
  assert.ok(Array.isArray(envelope.error.validation), 'error.validation is an array');
  for (const problem of envelope.error.validation ?? []) {
    assert.equal(typeof problem.field, 'string', 'validation[].field is a string');
    assert.equal(typeof problem.message, 'string', 'validation[].message is a string');
  }
  if (envelope.error.code === 'VALIDATION_FAILED') {
    assert.ok((envelope.error.validation ?? []).length > 0, 'VALIDATION_FAILED names a field');
  }
  return envelope;
}
