/*
 * @latchkey/web: the browser SDK over Latchkey's Frontend API and the custom elements on top
 * of it. Importing this module (or loading dist/latchkey-web.js) registers
 * <latchkey-auth>, <latchkey-passkeys> and <latchkey-user>. The contract is in README.md.
 */
import { LatchkeyAuth } from './elements/latchkey-auth.js';
import { LatchkeyPasskeys } from './elements/latchkey-passkeys.js';
import { LatchkeyUser } from './elements/latchkey-user.js';

export type { SignedInDetail } from './elements/latchkey-auth.js';
export type { BlockBody, BlockError, Me, Passkey, ProcessResponse } from './frontend-api.js';
export { clientInformation, FrontendApi, FrontendApiError } from './frontend-api.js';
export { registerLanguage, type TextKey, type Texts } from './i18n.js';
export {
  Session,
  type SessionChange,
  type SessionUser,
  sessionFor,
} from './session.js';
export { createPasskey, getPasskey } from './webauthn.js';
export { LatchkeyAuth, LatchkeyPasskeys, LatchkeyUser };

const elements: Array<[string, CustomElementConstructor]> = [
  ['latchkey-auth', LatchkeyAuth],
  ['latchkey-passkeys', LatchkeyPasskeys],
  ['latchkey-user', LatchkeyUser],
];
// Loading the bundle twice (two scripts on a page) must not throw.
for (const [name, element] of elements) {
  if (globalThis.customElements && !customElements.get(name)) customElements.define(name, element);
}
