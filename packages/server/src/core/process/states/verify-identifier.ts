import { type BlockBody, blockOf, type RenderInput } from '../block-body.js';
import type { VerificationMethod } from '../process-context.js';

/** The fallbacks a context could switch to besides `current`, as the block lists them. */
function alternativeMethods(input: RenderInput, current: VerificationMethod) {
  const { settings, context } = input;
  return settings.fallbacks
    .filter((method) => method !== current)
    .flatMap((method) => {
      const type = method === 'phone-otp' ? 'phone' : 'email';
      const identifier = context.identifiers.find((item) => item.type === type);
      return identifier ? [{ verificationMethod: method, identifier: identifier.value }] : [];
    });
}

/**
 * spec_v2.yaml `generalBlockVerifyIdentifier`, shared by email-verify and phone-verify: the
 * method and identifier of the code or link sent, when a new one may be asked for, and the
 * other methods the project allows.
 */
export function renderVerifyIdentifier(
  block: 'email-verify' | 'phone-verify',
  input: RenderInput,
): BlockBody {
  const pending = input.context.verification;
  const method = pending?.method ?? (block === 'phone-verify' ? 'phone-otp' : 'email-otp');
  const body = blockOf(block, input, {
    verificationMethod: method,
    identifier: pending?.identifier ?? '',
    ...(pending && { retryNotBefore: Math.ceil(pending.retryNotBefore / 1000) }),
    alternativeVerificationMethods: alternativeMethods(input, method),
    isPostLoginVerification: false,
  });
  return input.continueOnOtherDevice
    ? { ...body, continueOnOtherDevice: input.continueOnOtherDevice }
    : body;
}
