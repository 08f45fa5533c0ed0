import type { FlowSettings } from './flow-settings.js';
import type { ProcessContext } from './process-context.js';
import type { BlockError, StepOutcome } from './process-step.js';
import type { BlockType } from './process-table.js';

/** spec_v2.yaml `blockBody`: one block with its data, alternatives and errors. */
export interface BlockBody {
  block: BlockType;
  authType: 'signup' | 'login';
  data: Record<string, unknown> & { blockType: BlockType };
  alternatives?: BlockBody[];
  error?: BlockError;
  continueOnOtherDevice?: { reason: 'email-link-verified' | 'process-already-completed' };
}

/** What a state module renders from. */
export interface RenderInput {
  settings: FlowSettings;
  context: ProcessContext;
  /** The step's expected failures, if any (a plain GET renders none). */
  outcome?: Pick<StepOutcome, 'error' | 'fieldErrors'>;
  /** Only for `completed`: the session the step issued. */
  session?: { sessionToken: string; longSession?: string };
  /** Only for `email-verify` after a link was opened elsewhere. */
  continueOnOtherDevice?: BlockBody['continueOnOtherDevice'];
}

/** One state module: how its block looks for a context. */
export interface StateModule {
  block: BlockType;
  render(input: RenderInput): BlockBody;
}

/** spec_v2.yaml `socialData` while social login is not offered. */
export const noSocialData = { providers: [], status: 'initial' } as const;

/** A block with the step's flow error (if any) on both the body and its data. */
export function blockOf(
  block: BlockType,
  input: RenderInput,
  data: Record<string, unknown>,
  alternatives: BlockBody[] = [],
): BlockBody {
  const error = input.outcome?.error;
  return {
    block,
    authType: input.context.authType,
    data: { blockType: block, ...data, ...(error && { error }) },
    ...(alternatives.length > 0 && { alternatives }),
    ...(error && { error }),
  };
}
