import { blockOf, noSocialData, type StateModule } from '../block-body.js';

/**
 * login-init: asks for an identifier; carries a `conditionalUIChallenge` (request options with
 * an empty allow list) when the client said it can do conditional UI.
 */
export const loginInitState: StateModule = {
  block: 'login-init',
  render(input) {
    const { settings, context, outcome } = input;
    const given = context.identifiers[0];
    const fieldError = outcome?.fieldErrors?.identifier;
    return blockOf('login-init', input, {
      identifierValue: given?.value ?? '',
      isPhone: given?.type === 'phone',
      isPhoneAvailable: settings.identifiers.includes('phone'),
      isEmailAvailable: settings.identifiers.includes('email'),
      isUsernameAvailable: settings.identifiers.includes('username'),
      ...(context.passkeyChallenge !== null && {
        conditionalUIChallenge: context.passkeyChallenge,
      }),
      socialData: noSocialData,
      ...(fieldError && { fieldError }),
    });
  },
};
