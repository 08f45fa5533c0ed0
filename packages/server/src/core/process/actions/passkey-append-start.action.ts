import { enterPasskeyAppend } from '../enter-block.js';
import type { ActionHandler } from '../process-step.js';

/** passkey-append → passkey-append with fresh creation options (a retry after an abort). */
export const passkeyAppendStartAction: ActionHandler = async (env, context) =>
  (await enterPasskeyAppend(env, context)) ?? {
    to: 'passkey-append',
    context,
    error: { code: 'passkey_append_unavailable', message: 'no passkey can be created now' },
  };
