import {
  type AuthProcessRecord,
  findAuthProcess,
  findAuthProcessByTokenHash,
  saveAuthProcessStep,
} from '../../store/auth-process.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { findUser, updateUserRow } from '../../store/user.store.js';
import { hashToken } from '../crypto/hash-token.js';
import { LatchkeyError } from '../errors.js';
import { createSession, type IssuedSession } from '../sessions/create-session.js';
import { sessionSettingsOf } from '../sessions/session-settings.js';
import { actionModules } from './actions/index.js';
import type { BlockBody } from './block-body.js';
import { flowSettingsOf } from './flow-settings.js';
import { type ProcessContext, parseProcessContext } from './process-context.js';
import type {
  ActionHandler,
  ProcessDeps,
  StepEnv,
  StepOutcome,
  StepRequest,
} from './process-step.js';
import {
  type ActionName,
  allowsTransition,
  type BlockType,
  checkProcessTable,
  isBlockType,
  offers,
  processTable,
} from './process-table.js';
import { stateModules } from './states/index.js';

/** What a step answers: the block, and the session when it reached `completed`. */
export interface ProcessView {
  blockBody: BlockBody;
  /** Set only by the step that reached `completed` (the refresh token is not stored in clear). */
  issued?: IssuedSession;
}

/** Longest process token accepted (checked before any database work). */
const maxTokenLength = 128;

/**
 * Checks the process table against the state and action modules, and itself. Called when the
 * server builds its routes, so a broken table stops the start instead of a user's login.
 * @throws Error listing every problem.
 */
export function validateProcessTable(): void {
  const problems = checkProcessTable(processTable, {
    states: Object.keys(stateModules),
    actions: Object.keys(actionModules),
  });
  if (problems.length > 0) throw new Error(`the process table is broken: ${problems.join('; ')}`);
}

/**
 * The project's active process for a token.
 * @throws PROCESS_NOT_FOUND (missing, malformed, unknown or another project's token),
 *   PROCESS_EXPIRED (past its lifetime, or written by a version whose context this one does
 *   not read), PROCESS_FINISHED (completed already)
 */
export async function loadProcess(
  deps: ProcessDeps,
  project: ProjectRecord,
  token: string | undefined,
  processId?: string,
): Promise<{ process: AuthProcessRecord; block: BlockType; context: ProcessContext }> {
  if (processId === undefined && (!token || token.length > maxTokenLength)) {
    throw new LatchkeyError(
      'PROCESS_NOT_FOUND',
      'send the process token from /v2/auth/process/init as x-corbado-process-id',
    );
  }
  const process =
    processId === undefined
      ? await findAuthProcessByTokenHash(deps.db, project.id, hashToken(token ?? ''))
      : await findAuthProcess(deps.db, project.id, processId);
  if (!process) throw new LatchkeyError('PROCESS_NOT_FOUND', 'no such process; start a new one');
  if (process.status === 'completed') {
    throw new LatchkeyError('PROCESS_FINISHED', 'this process is completed; start a new one');
  }
  const context = parseProcessContext(process.context);
  if (process.expiresAt <= deps.clock.now() || !context || !isBlockType(process.state)) {
    throw new LatchkeyError('PROCESS_EXPIRED', 'this process has expired; start a new one');
  }
  return { process, block: process.state, context };
}

/**
 * Runs one step: the action must be offered on the process's block; its outcome must be one
 * of the table's targets; the write is guarded by the version read, so of two concurrent
 * steps one wins and the other answers CONFLICT. A step that reaches `completed` activates a
 * user signing up and issues the session.
 * @throws the errors of `loadProcess`, PROCESS_ACTION_NOT_ALLOWED, CONFLICT,
 *   USER_NOT_ACTIVE (the user was disabled during the process), MESSAGE_DELIVERY_FAILED
 */
export async function runProcessStep<Input>(
  deps: ProcessDeps,
  project: ProjectRecord,
  input: {
    token: string | undefined;
    /** Instead of the token: a step on behalf of the process (an email link opened elsewhere). */
    processId?: string;
    action: ActionName;
    body: Input;
    request: StepRequest;
  },
): Promise<ProcessView> {
  const { process, block, context } = await loadProcess(
    deps,
    project,
    input.token,
    input.processId,
  );
  if (!offers(block, input.action)) {
    throw new LatchkeyError(
      'PROCESS_ACTION_NOT_ALLOWED',
      `the process is on ${block}, which does not offer ${input.action}`,
    );
  }
  const env: StepEnv = {
    deps,
    project,
    settings: flowSettingsOf(project),
    processId: process.id,
    block,
    request: input.request,
  };
  const handler = actionModules[input.action] as ActionHandler<Input>;
  const outcome = await handler(env, context, input.body);
  if (!allowsTransition(block, input.action, outcome.to)) {
    throw new LatchkeyError(
      'INTERNAL',
      `${input.action} on ${block} led to ${outcome.to}, which the process table does not list`,
    );
  }
  if (outcome.login) await activateUser(deps, project, outcome);
  const now = deps.clock.now();
  const saved = await saveAuthProcessStep(
    deps.db,
    { id: process.id, expectedVersion: process.version },
    {
      state: outcome.to,
      status: outcome.to === 'completed' ? 'completed' : 'active',
      context: outcome.context,
      now,
    },
  );
  if (!saved) {
    throw new LatchkeyError(
      'CONFLICT',
      'another step of this process ran at the same time; GET /v2/auth/process for where it is',
    );
  }
  if (!outcome.login) return { blockBody: renderBlock(env, outcome) };
  const issued = await createSession(deps, {
    project,
    userId: outcome.login.userId,
    identifierValue: outcome.login.identifierValue,
  });
  const longSession =
    outcome.context.native || sessionSettingsOf(project).environment === 'dev'
      ? issued.refreshToken
      : undefined;
  return {
    blockBody: stateModules.completed.render({
      settings: env.settings,
      context: outcome.context,
      session: { sessionToken: issued.sessionToken, ...(longSession && { longSession }) },
    }),
    issued,
  };
}

/** The block of a step's outcome. */
export function renderBlock(
  env: Pick<StepEnv, 'settings'>,
  outcome: Pick<StepOutcome, 'to' | 'context' | 'error' | 'fieldErrors'>,
): BlockBody {
  return stateModules[outcome.to].render({
    settings: env.settings,
    context: outcome.context,
    outcome,
  });
}

/**
 * A sign-up's pending user becomes active; a user disabled (or deleted) meanwhile ends the
 * step with USER_NOT_ACTIVE before anything is written.
 */
async function activateUser(deps: ProcessDeps, project: ProjectRecord, outcome: StepOutcome) {
  const userId = outcome.login?.userId ?? '';
  const user = await findUser(deps.db, project.id, userId);
  if (user?.status === 'pending' && outcome.context.authType === 'signup') {
    await updateUserRow(deps.db, project.id, userId, { status: 'active' }, deps.clock.now());
    return;
  }
  if (user?.status !== 'active') {
    throw new LatchkeyError('USER_NOT_ACTIVE', 'this account cannot log in');
  }
}
