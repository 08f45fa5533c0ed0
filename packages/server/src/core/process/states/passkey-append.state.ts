import { type BlockBody, blockOf, type RenderInput, type StateModule } from '../block-body.js';
import { primaryIdentifier } from '../process-context.js';

/**
 * passkey-append: creation options for a new passkey. `autoSubmit` asks the client to start
 * the ceremony at once during sign-up (the user just chose to sign up); after a fallback login
 * the user is asked first. The first allowed fallback is the alternative. `variant` is the
 * decision engine's prompt (`after-error` after recent passkey login errors on this client,
 * `after-hybrid` after a recent login from another device, else `default`).
 */
export const passkeyAppendState: StateModule = {
  block: 'passkey-append',
  render: (input) => renderPasskeyAppend('passkey-append', input),
};

/**
 * spec_v2.yaml `generalBlockPasskeyAppend`, shared by passkey-append and
 * passkey-append-after-hybrid.
 */
export function renderPasskeyAppend(
  block: 'passkey-append' | 'passkey-append-after-hybrid',
  input: RenderInput,
): BlockBody {
  const { context, settings } = input;
  const identifier = primaryIdentifier(context);
  const alternatives: BlockBody[] = [];
  if (context.authType === 'signup') {
    const fallback = settings.fallbacks.find((method) =>
      context.identifiers.some(
        (item) => item.type === (method === 'phone-otp' ? 'phone' : 'email'),
      ),
    );
    if (fallback) {
      const type = fallback === 'phone-otp' ? 'phone' : 'email';
      const fallbackBlock = type === 'phone' ? 'phone-verify' : 'email-verify';
      const value = context.identifiers.find((item) => item.type === type)?.value ?? '';
      alternatives.push(
        blockOf(
          fallbackBlock,
          { ...input, outcome: undefined },
          {
            verificationMethod: fallback,
            identifier: value,
            alternativeVerificationMethods: [],
            isPostLoginVerification: false,
          },
        ),
      );
    }
  }
  return blockOf(
    block,
    input,
    {
      challenge: context.passkeyChallenge ?? '',
      identifierValue: identifier?.value ?? '',
      identifierType: identifier?.type ?? 'email',
      autoSubmit: context.authType === 'signup' && !context.usedFallback,
      passkeyIconSet: 'default',
      variant: context.appendVariant ?? 'default',
    },
    alternatives,
  );
}
