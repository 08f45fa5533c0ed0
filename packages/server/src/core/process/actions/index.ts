import type { ActionModules } from '../process-step.js';
import { completeAction } from './complete.action.js';
import { identifierUpdateAction } from './identifier-update.action.js';
import { identifierVerifyElsewhereAction } from './identifier-verify-elsewhere.action.js';
import { identifierVerifyFinishAction } from './identifier-verify-finish.action.js';
import { identifierVerifyStartAction } from './identifier-verify-start.action.js';
import { identifierVerifyStatusAction } from './identifier-verify-status.action.js';
import { loginInitAction } from './login-init.action.js';
import { passkeyAppendFinishAction } from './passkey-append-finish.action.js';
import { passkeyAppendStartAction } from './passkey-append-start.action.js';
import { passkeyLoginFinishAction } from './passkey-login-finish.action.js';
import { passkeyLoginStartAction } from './passkey-login-start.action.js';
import { passkeyMediationFinishAction } from './passkey-mediation-finish.action.js';
import { resetAction } from './reset.action.js';
import { signupInitAction } from './signup-init.action.js';
import { skipAction } from './skip.action.js';
import { switchBlockAction } from './switch-block.action.js';

/** One action module per action of the process table. */
export const actionModules: ActionModules = {
  signupInit: signupInitAction,
  loginInit: loginInitAction,
  switchBlock: switchBlockAction,
  passkeyAppendStart: passkeyAppendStartAction,
  passkeyAppendFinish: passkeyAppendFinishAction,
  passkeyLoginStart: passkeyLoginStartAction,
  passkeyLoginFinish: passkeyLoginFinishAction,
  passkeyMediationFinish: passkeyMediationFinishAction,
  identifierVerifyStart: identifierVerifyStartAction,
  identifierVerifyFinish: identifierVerifyFinishAction,
  identifierVerifyElsewhere: identifierVerifyElsewhereAction,
  identifierVerifyStatus: identifierVerifyStatusAction,
  identifierUpdate: identifierUpdateAction,
  skip: skipAction,
  complete: completeAction,
  reset: resetAction,
};
