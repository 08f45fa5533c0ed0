import { type BlockBody, blockOf, type StateModule } from '../block-body.js';
import { primaryIdentifier } from '../process-context.js';

/** passkey-verify: request options listing the user's passkeys; fallbacks as alternatives. */
export const passkeyVerifyState: StateModule = {
  block: 'passkey-verify',
  render(input) {
    const { context, settings } = input;
    const identifier = primaryIdentifier(context);
    const alternatives: BlockBody[] = [];
    const method = identifier?.type === 'phone' ? 'phone-otp' : 'email-otp';
    if (settings.fallbacks.includes(method) && identifier) {
      alternatives.push(
        blockOf(
          method === 'phone-otp' ? 'phone-verify' : 'email-verify',
          { ...input, outcome: undefined },
          {
            verificationMethod: method,
            identifier: identifier.value,
            alternativeVerificationMethods: [],
            isPostLoginVerification: false,
          },
        ),
      );
    }
    return blockOf(
      'passkey-verify',
      input,
      { challenge: context.passkeyChallenge ?? '', identifierValue: identifier?.value ?? '' },
      alternatives,
    );
  },
};
