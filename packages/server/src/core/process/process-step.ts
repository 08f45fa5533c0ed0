import type { ProjectRecord } from '../../store/project.store.js';
import type { ChallengeDeps } from '../challenges/create-challenge.js';
import type { PasskeyDeps } from '../passkeys/passkey-deps.js';
import type { SessionDeps } from '../sessions/session-deps.js';
import type { FlowSettings } from './flow-settings.js';
import type { ProcessContext } from './process-context.js';
import type { ActionName, BlockType } from './process-table.js';

/** What process steps need: the passkey engine's, the challenges' and the sessions' ports. */
export type ProcessDeps = PasskeyDeps & ChallengeDeps & SessionDeps;

/** The request a step runs for: where it came from (rate limits, client information). */
export interface StepRequest {
  remoteAddress: string;
  userAgent: string | undefined;
}

/** Everything a step may use besides its context and input. */
export interface StepEnv {
  deps: ProcessDeps;
  project: ProjectRecord;
  settings: FlowSettings;
  processId: string;
  /** The block the process is on when the step starts. */
  block: BlockType;
  request: StepRequest;
}

/** spec_v2.yaml `requestError`: an expected failure shown on the block. */
export interface BlockError {
  code: string;
  message: string;
}

/** Where a step leads, with the new context and the expected failure to show, if any. */
export interface StepOutcome {
  to: BlockType;
  context: ProcessContext;
  /** Shown on the block as `error` (a flow error). */
  error?: BlockError;
  /** Field errors of signup-init (`identifiers[i].error`, `fullName.error`) or login-init. */
  fieldErrors?: Record<string, BlockError>;
  /** Reached `completed`: the user and the identifier the session is for. */
  login?: { userId: string; identifierValue: string };
}

/** One action module: the logic of one step, choosing among the table's targets. */
export type ActionHandler<Input = Record<string, unknown>> = (
  env: StepEnv,
  context: ProcessContext,
  input: Input,
) => Promise<StepOutcome>;

/** The action modules by name (typed so that every action of the table has one). */
export type ActionModules = Record<ActionName, ActionHandler<never>>;
