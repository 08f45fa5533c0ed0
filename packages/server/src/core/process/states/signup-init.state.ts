import { blockOf, noSocialData, type StateModule } from '../block-body.js';

/** signup-init: asks for the project's identifiers (and a full name when required). */
export const signupInitState: StateModule = {
  block: 'signup-init',
  render(input) {
    const { settings, context, outcome } = input;
    const given = (type: string) => context.identifiers.find((item) => item.type === type);
    return blockOf('signup-init', input, {
      identifiers: settings.identifiers.map((type) => {
        const error = outcome?.fieldErrors?.[type];
        return { type, identifier: given(type)?.value ?? '', ...(error && { error }) };
      }),
      ...(settings.fullNameRequired && {
        fullName: {
          fullName: context.fullName ?? '',
          ...(outcome?.fieldErrors?.fullName && { error: outcome.fieldErrors.fullName }),
        },
      }),
      // spec_v2.yaml requires `socialProviders` (undeclared beside `socialData`, which the
      // clients read); both say that no social login is offered.
      socialProviders: [],
      socialData: noSocialData,
    });
  },
};
