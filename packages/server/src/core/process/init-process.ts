import { insertAuthProcess } from '../../store/auth-process.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { hashToken } from '../crypto/hash-token.js';
import { invalidField } from '../errors.js';
import { validateClientInformation } from '../events/client-information.js';
import { newId } from '../ids.js';
import { toCeremonyClientInformation } from '../me/frontend-client-information.js';
import { enterLoginInit } from './enter-block.js';
import { flowSettingsOf } from './flow-settings.js';
import { newProcessContext } from './process-context.js';
import type { ProcessDeps, StepEnv, StepRequest } from './process-step.js';
import { type BlockType, initialBlocks } from './process-table.js';
import { type ProcessView, renderBlock } from './run-process-step.js';

/** Process tokens: a recognisable prefix plus 43 base62 characters (256 bits). */
export function newProcessToken(random: { base62(length: number): string }): string {
  return `lkp1_${random.base62(43)}`;
}

/** spec_v2.yaml `processInitReq` (the deprecated members are accepted and ignored). */
export interface InitProcessInput {
  clientInformation: unknown;
  preferredBlock?: string | undefined;
}

/** A new process: its token (in clear only here), expiry and first block. */
export interface InitializedProcess extends ProcessView {
  token: string;
  expiresAt: number;
}

/**
 * POST /v2/auth/process/init: creates a process on signup-init, or on login-init when
 * `preferredBlock` asks for it (with a conditional-UI challenge for clients that can use
 * one). Only the token's SHA-256 is stored.
 * @throws VALIDATION_FAILED (clientInformation, preferredBlock)
 */
export async function initProcess(
  deps: ProcessDeps,
  project: ProjectRecord,
  input: InitProcessInput,
  request: StepRequest,
): Promise<InitializedProcess> {
  const preferred = input.preferredBlock ?? 'signup-init';
  if (!(initialBlocks as readonly string[]).includes(preferred)) {
    throw invalidField('preferredBlock', `must be one of ${initialBlocks.join(', ')}`);
  }
  const raw = input.clientInformation as Record<string, unknown> | undefined;
  const client = validateClientInformation(toCeremonyClientInformation(raw, request));
  const native = raw?.isNative === true;
  const settings = flowSettingsOf(project);
  const now = deps.clock.now();
  const id = newId('process', deps.random);
  const token = newProcessToken(deps.random);
  const env: StepEnv = {
    deps,
    project,
    settings,
    processId: id,
    block: preferred as BlockType,
    request,
  };
  const start =
    preferred === 'login-init'
      ? await enterLoginInit(env, newProcessContext('login', client, native))
      : { to: 'signup-init' as const, context: newProcessContext('signup', client, native) };
  const expiresAt = now + settings.processLifetimeSeconds * 1000;
  await insertAuthProcess(deps.db, {
    id,
    projectId: project.id,
    tokenHash: hashToken(token),
    state: start.to,
    status: 'active',
    context: start.context,
    version: 0,
    createdAt: now,
    updatedAt: now,
    expiresAt,
  });
  return { token, expiresAt, blockBody: renderBlock(env, start) };
}
