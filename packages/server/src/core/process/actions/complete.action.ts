import { completeWith } from '../enter-block.js';
import type { ActionHandler } from '../process-step.js';

/** POST /v2/auth/process/complete on passkey-appended: finishes with the session. */
export const completeAction: ActionHandler = async (_env, context) => completeWith(context);
