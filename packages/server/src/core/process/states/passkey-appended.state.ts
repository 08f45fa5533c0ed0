import { blockOf, type StateModule } from '../block-body.js';

/** passkey-appended: the passkey was created after a fallback login; the client continues. */
export const passkeyAppendedState: StateModule = {
  block: 'passkey-appended',
  render: (input) => blockOf('passkey-appended', input, {}),
};
