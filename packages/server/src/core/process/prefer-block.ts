import type { ProjectRecord } from '../../store/project.store.js';
import { invalidField } from '../errors.js';
import { getProcess } from './get-process.js';
import type { ProcessDeps, StepRequest } from './process-step.js';
import { type BlockType, isBlockType } from './process-table.js';
import { type ProcessView, runProcessStep } from './run-process-step.js';

/**
 * GET /v2/auth/process?preferredBlock=: the current block, or the one the client prefers when
 * the process can move there by a step the block offers anyway: signup-init ⇄ login-init
 * (`switchBlock`), or one of the block's `alternatives` (a verify block: the
 * `identifierVerifyStart` that alternative stands for, which sends the code). Any other
 * preference is a wish the process cannot grant and is answered with the current block.
 * @throws VALIDATION_FAILED (preferredBlock is no spec_v2.yaml blockType), the errors of
 *   `getProcess` and `runProcessStep`
 */
export async function getProcessPreferring(
  deps: ProcessDeps,
  project: ProjectRecord,
  input: { token: string | undefined; preferredBlock: string | undefined; request: StepRequest },
): Promise<ProcessView> {
  const preferred = input.preferredBlock;
  if (preferred !== undefined && !isBlockType(preferred) && !otherSpecBlocks.has(preferred)) {
    throw invalidField('preferredBlock', 'must be a blockType of spec_v2.yaml');
  }
  const view = await getProcess(deps, project, input.token);
  const current = view.blockBody.block;
  if (preferred === undefined || preferred === current) return view;
  const step = (action: 'switchBlock' | 'identifierVerifyStart', body: Record<string, unknown>) =>
    runProcessStep(deps, project, { token: input.token, action, body, request: input.request });
  if (isInitialSwitch(current, preferred))
    return step('switchBlock', { preferredBlock: preferred });
  const alternative = view.blockBody.alternatives?.find((item) => item.block === preferred);
  const method = alternative?.data.verificationMethod;
  if (typeof method === 'string') {
    return step('identifierVerifyStart', {
      identifierType: method === 'phone-otp' ? 'phone' : 'email',
      verificationType: method,
    });
  }
  return view;
}

/** spec_v2.yaml blockTypes Latchkey does not hand out (social login, Corbado's own). */
const otherSpecBlocks = new Set(['social-verify', 'conditional-ui-completed']);

function isInitialSwitch(current: BlockType, preferred: string): boolean {
  return (
    (preferred === 'login-init' && current === 'signup-init') ||
    (preferred === 'signup-init' && current === 'login-init')
  );
}
