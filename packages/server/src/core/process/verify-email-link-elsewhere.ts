import { findChallenge } from '../../store/challenge.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { verifyChallenge } from '../challenges/verify-challenge.js';
import { invalidField, isLatchkeyError, withFieldRenamed } from '../errors.js';
import type { ProcessDeps, StepRequest } from './process-step.js';
import { loadProcess, type ProcessView, runProcessStep } from './run-process-step.js';

/** What an email link's page sends without a process token: `<challengeID>.<code>`. */
const linkCodeShape = /^(cha-\d{19})\.([0-9A-Za-z]{1,128})$/;

/**
 * An email link opened on a device that does not hold the process (spec_v2.yaml
 * `continueOnOtherDevice`): checks the link's code, marks the waiting process's identifier
 * verified, and answers that device with `email-link-verified`; the waiting device gets the
 * session on its next `GET /v2/auth/identifier/verify/status`. A process that completed
 * meanwhile answers `process-already-completed` and the code is left alone.
 * @throws VALIDATION_FAILED naming `code` (not a link code, or not this project's link),
 *   CHALLENGE_CODE_INVALID, CHALLENGE_EXPIRED, CHALLENGE_LOCKED, CHALLENGE_NOT_PENDING,
 *   PROCESS_EXPIRED
 */
export async function verifyEmailLinkElsewhere(
  deps: ProcessDeps,
  project: ProjectRecord,
  input: { code: string },
  request: StepRequest,
): Promise<ProcessView> {
  const match = linkCodeShape.exec(input.code.trim());
  const notALink = () => invalidField('code', 'is not the code of an email link of this project');
  if (!match) throw notALink();
  const [, challengeId = '', code = ''] = match;
  const challenge = await findChallenge(deps.db, project.id, challengeId);
  const processId = challenge?.metadata.processId;
  if (challenge?.type !== 'email_link' || typeof processId !== 'string') {
    throw notALink();
  }
  try {
    const { context } = await loadProcess(deps, project, undefined, processId);
    if (context.verification?.challengeId !== challengeId) throw notALink();
  } catch (error) {
    if (isLatchkeyError(error) && error.code === 'PROCESS_FINISHED') {
      return alreadyCompleted();
    }
    throw error;
  }
  try {
    await verifyChallenge(deps, project.id, challenge.userId, challengeId, { value: code });
  } catch (error) {
    throw isLatchkeyError(error) ? withFieldRenamed(error, 'value', 'code') : error;
  }
  const view = await runProcessStep(deps, project, {
    token: undefined,
    processId,
    action: 'identifierVerifyElsewhere',
    body: {},
    request,
  });
  return {
    blockBody: { ...view.blockBody, continueOnOtherDevice: { reason: 'email-link-verified' } },
  };
}

function alreadyCompleted(): ProcessView {
  return {
    blockBody: {
      block: 'completed',
      authType: 'login',
      data: { blockType: 'completed', shortSession: '', sessionToken: '' },
      continueOnOtherDevice: { reason: 'process-already-completed' },
    },
  };
}
