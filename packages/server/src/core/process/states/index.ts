import type { StateModule } from '../block-body.js';
import type { BlockType } from '../process-table.js';
import { completedState } from './completed.state.js';
import { emailVerifyState } from './email-verify.state.js';
import { loginInitState } from './login-init.state.js';
import { passkeyAppendState } from './passkey-append.state.js';
import { passkeyAppendAfterHybridState } from './passkey-append-after-hybrid.state.js';
import { passkeyAppendedState } from './passkey-appended.state.js';
import { passkeyVerifyState } from './passkey-verify.state.js';
import { phoneVerifyState } from './phone-verify.state.js';
import { postSignupEmailVerifyState } from './post-signup-email-verify.state.js';
import { signupInitState } from './signup-init.state.js';

/** One state module per block of the process table. */
export const stateModules: Record<BlockType, StateModule> = {
  'signup-init': signupInitState,
  'login-init': loginInitState,
  'email-verify': emailVerifyState,
  'phone-verify': phoneVerifyState,
  'passkey-append': passkeyAppendState,
  'passkey-verify': passkeyVerifyState,
  'passkey-appended': passkeyAppendedState,
  'post-signup-email-verify': postSignupEmailVerifyState,
  'passkey-append-after-hybrid': passkeyAppendAfterHybridState,
  completed: completedState,
};
