import type { StateModule } from '../block-body.js';
import { renderVerifyIdentifier } from './verify-identifier.js';

/** phone-verify: an SMS OTP was sent through the project's SMS transport. */
export const phoneVerifyState: StateModule = {
  block: 'phone-verify',
  render: (input) => renderVerifyIdentifier('phone-verify', input),
};
