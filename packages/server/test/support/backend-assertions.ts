import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { assertMatchesSpec } from './spec-schemas.js';

/** common.yml `errorRsp` as Latchkey fills it (plus its stable `error.code`). */
export interface ErrorEnvelope {
  httpStatusCode: number;
  message: string;
  requestData: { requestID: string; link?: string };
  runtime: number;
  error: {
    type: string;
    code: string;
    details?: string;
    validation?: { field: string; message: string }[];
    links?: string[];
  };
}

export interface ExpectedError {
  status: number;
  code: string;
  /** The envelope's `error.type`, when the test cares. */
  type?: string;
  /** A field `error.validation[]` must name. */
  field?: string;
  /** Names the case in failure messages (e.g. the input that was sent). */
  label?: string;
}

/** Things that must never reach a client: stack frames, source paths, driver messages. */
const leakPatterns = [
  /\bat [\w.<>]+ \(/,
  /\.(ts|js|mjs):\d+/,
  /node_modules/,
  /"stack"/,
  /SqliteError|sqlite3|syntax error at|violates|relation "/i,
];

/** Fails when a response body shows internals. */
export function assertNoLeaks(response: LightMyRequestResponse): void {
  for (const pattern of leakPatterns) {
    assert.doesNotMatch(response.body, pattern, `response body leaks internals: ${response.body}`);
  }
}

/**
 * Checks that a response is the Backend API's error envelope (common.yml `errorRsp`) with the
 * expected status and code, tied to the response's `X-Request-ID`, and returns it.
 */
export function assertError(
  response: LightMyRequestResponse,
  expected: ExpectedError,
): ErrorEnvelope {
  assert.equal(
    response.statusCode,
    expected.status,
    `${expected.label ? `${expected.label}: ` : ''}expected ${expected.status} ${expected.code}, got ${response.statusCode}: ${response.body}`,
  );
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assertNoLeaks(response);
  const body = JSON.parse(response.body) as ErrorEnvelope;
  assertMatchesSpec('errorRsp', body);
  assert.equal(body.httpStatusCode, expected.status);
  assert.equal(typeof body.message, 'string');
  assert.ok(body.message.length > 0, 'message is empty');
  assert.equal(typeof body.requestData.requestID, 'string');
  assert.equal(body.requestData.requestID, response.headers['x-request-id']);
  assert.equal(typeof body.runtime, 'number');
  assert.ok(body.runtime >= 0, 'runtime is negative');
  assert.equal(
    body.error.code,
    expected.code,
    `${expected.label ?? ''} error.code in ${response.body}`,
  );
  assert.equal(typeof body.error.type, 'string');
  assert.ok(body.error.type.length > 0, 'error.type is empty');
  if (expected.type !== undefined) assert.equal(body.error.type, expected.type);
  assert.equal(typeof body.error.details, 'string');
  assert.ok(Array.isArray(body.error.validation), 'error.validation is not an array');
  assert.ok(Array.isArray(body.error.links), 'error.links is not an array');
  if (expected.field !== undefined) {
    const fields = (body.error.validation ?? []).map((problem) => problem.field);
    assert.ok(
      fields.includes(expected.field),
      `error.validation should name ${expected.field}, names [${fields.join(', ')}]`,
    );
  }
  if (expected.status === 500) assert.equal(body.error.code, 'INTERNAL');
  return body;
}

/**
 * Checks a 200 response against the spec's schema `schemaName` and the request ID header,
 * and returns its body.
 */
export function assertOk<T = Record<string, unknown>>(
  response: LightMyRequestResponse,
  schemaName: string,
): T {
  assert.equal(
    response.statusCode,
    200,
    `expected 200, got ${response.statusCode}: ${response.body}`,
  );
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.match(String(response.headers['x-request-id']), /\S/);
  const body = JSON.parse(response.body) as T;
  assertMatchesSpec(schemaName, body);
  if (schemaName === 'genericRsp') {
    const generic = body as { httpStatusCode: number; requestData: { requestID: string } };
    assert.equal(generic.httpStatusCode, 200);
    assert.equal(generic.requestData.requestID, response.headers['x-request-id']);
  }
  return body;
}
