import type { StateModule } from '../block-body.js';
import { renderVerifyIdentifier } from './verify-identifier.js';

/** email-verify: an email OTP or link was sent; the client sends the code (or polls). */
export const emailVerifyState: StateModule = {
  block: 'email-verify',
  render: (input) => renderVerifyIdentifier('email-verify', input),
};
