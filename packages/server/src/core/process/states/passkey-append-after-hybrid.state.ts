import type { StateModule } from '../block-body.js';
import { renderPasskeyAppend } from './passkey-append.state.js';

/**
 * passkey-append-after-hybrid: the user just logged in with a passkey from another device (the
 * assertion said `cross-platform` with the hybrid transport, ceremony type `cda`), so a
 * passkey on this device is offered. spec_v2.yaml gives the block no data schema of its own;
 * it carries `generalBlockPasskeyAppend` with `variant: after-hybrid` and `autoSubmit: false`
 * (the user is asked first). Skipping completes the login that already succeeded.
 */
export const passkeyAppendAfterHybridState: StateModule = {
  block: 'passkey-append-after-hybrid',
  render: (input) => renderPasskeyAppend('passkey-append-after-hybrid', input),
};
