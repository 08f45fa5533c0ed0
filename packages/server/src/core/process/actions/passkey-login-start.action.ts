import { enterPasskeyVerify } from '../enter-block.js';
import type { ActionHandler } from '../process-step.js';

/** passkey-verify → passkey-verify with fresh request options (a retry after an abort). */
export const passkeyLoginStartAction: ActionHandler = async (env, context) =>
  (await enterPasskeyVerify(env, context)) ?? {
    to: 'passkey-verify',
    context,
    error: { code: 'passkey_login_unavailable', message: 'this account has no passkey' },
  };
