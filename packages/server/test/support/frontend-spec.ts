import assert from 'node:assert/strict';
import { specProblems } from './spec-schemas.js';

/*
 * Frontend API process responses checked against spec_v2.yaml. `blockBody.data` is a oneOf of
 * the generalBlock* schemas with a discriminator Ajv does not apply (and the smallest of them,
 * generalBlockPasskeyAppended, matches any block), so each block's data is checked against
 * the schema its block type names, closed (no undeclared fields), with these documented
 * exceptions (docs/process-flows.md, "Wire format"):
 */

/** The data schema of each block Latchkey hands out. */
const dataSchemaOf: Record<string, string> = {
  'signup-init': 'generalBlockSignupInit',
  'login-init': 'generalBlockLoginInit',
  'email-verify': 'generalBlockVerifyIdentifier',
  'phone-verify': 'generalBlockVerifyIdentifier',
  'passkey-append': 'generalBlockPasskeyAppend',
  // Exception: the spec lists the block type but gives it no data schema; it carries
  // passkey-append's.
  'passkey-append-after-hybrid': 'generalBlockPasskeyAppend',
  'passkey-verify': 'generalBlockPasskeyVerify',
  'passkey-appended': 'generalBlockPasskeyAppended',
  completed: 'generalBlockCompleted',
  'post-signup-email-verify': 'generalBlockPostSignupEmailVerify',
};

/**
 * Fields a block's data carries beyond its schema, on purpose:
 * - `completed.sessionToken`: the session token under the name newer Corbado clients read
 *   (the spec's name is `shortSession`; both are sent);
 * - `error` on every block: the step's flow error is in `data` as well as on the block body,
 *   because the clients read it from `data` (the spec declares it there only for some blocks);
 *   it is checked as a `requestError`.
 */
const extraDataFields: Record<string, readonly string[]> = { completed: ['sessionToken'] };

const blockBodyKeys = new Set([
  'block',
  'authType',
  'data',
  'alternatives',
  'error',
  'continueOnOtherDevice',
]);

/** The spec's complaints about one blockBody (and its alternatives); empty when it matches. */
export function blockBodyProblems(block: Record<string, unknown>, where = 'blockBody'): string[] {
  const problems: string[] = [];
  const at = (path: string, list: string[]) => problems.push(...list.map((p) => `${path} ${p}`));
  for (const key of Object.keys(block)) {
    if (!blockBodyKeys.has(key)) problems.push(`${where} has undeclared ${key}`);
  }
  at(`${where}.block`, specProblems('blockType', block.block, { api: 'frontend' }));
  at(`${where}.authType`, specProblems('authType', block.authType, { api: 'frontend' }));
  if (block.error !== undefined) {
    at(`${where}.error`, specProblems('requestError', block.error, { api: 'frontend' }));
  }
  if (block.continueOnOtherDevice !== undefined) {
    at(
      `${where}.continueOnOtherDevice`,
      specProblems('continueOnOtherDevice', block.continueOnOtherDevice, { api: 'frontend' }),
    );
  }
  const schema = dataSchemaOf[String(block.block)];
  const data = { ...(block.data as Record<string, unknown>) };
  if (!schema) {
    problems.push(`${where}.block ${String(block.block)} has no data schema here`);
  } else {
    if (data.blockType !== block.block) problems.push(`${where}.data.blockType differs from block`);
    for (const field of extraDataFields[String(block.block)] ?? []) delete data[field];
    if (data.error !== undefined) {
      at(`${where}.data.error`, specProblems('requestError', data.error, { api: 'frontend' }));
      delete data.error;
    }
    at(`${where}.data`, specProblems(schema, data, { api: 'frontend' }));
  }
  const alternatives = (block.alternatives ?? []) as Record<string, unknown>[];
  alternatives.forEach((alternative, i) => {
    problems.push(...blockBodyProblems(alternative, `${where}.alternatives[${i}]`));
  });
  return problems;
}

/**
 * Fails unless a step's body is a spec_v2.yaml `processResponse` (or, with `init`, a
 * `processInitRsp`) whose blocks match their schemas, with the exceptions above.
 */
export function assertProcessResponseMatchesSpec(body: unknown, options: { init?: boolean } = {}) {
  const problems: string[] = [];
  let response = body as Record<string, unknown>;
  if (options.init) {
    const { processResponse, ...info } = response;
    problems.push(...specProblems('processStaticInfo', info, { api: 'frontend' }));
    response = processResponse as Record<string, unknown>;
  }
  const { blockBody, common, ...rest } = response ?? {};
  for (const key of Object.keys(rest)) {
    if (key !== 'newProcess') problems.push(`processResponse has undeclared ${key}`);
  }
  problems.push(...specProblems('processCommon', common, { api: 'frontend' }));
  problems.push(...blockBodyProblems((blockBody ?? {}) as Record<string, unknown>));
  assert.deepEqual(
    problems,
    [],
    `response does not match spec_v2.yaml:\n  ${problems.join('\n  ')}\nbody: ${JSON.stringify(body)}`,
  );
}
