import { blockOf, type StateModule } from '../block-body.js';

/**
 * post-signup-email-verify: the sign-up created its passkey and a code went to the email
 * address, which the project requires to be verified (`verifyEmailAfterPasskey`). The client
 * sends the code with identifier/verify/finish and may ask for a new one with
 * identifier/verify/start. spec_v2.yaml `generalBlockPostSignupEmailVerify` has only
 * `blockType` and `error`, so that is all the block carries.
 */
export const postSignupEmailVerifyState: StateModule = {
  block: 'post-signup-email-verify',
  render: (input) => blockOf('post-signup-email-verify', input, {}),
};
