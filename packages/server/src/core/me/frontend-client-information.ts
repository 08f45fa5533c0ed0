import { invalidField } from '../errors.js';
import { parseUserAgent, userAgentMaxLength } from '../passkeys/parse-user-agent.js';

/**
 * The Frontend API's `clientInformation` (spec_v2.yaml: what the browser knows about itself)
 * as the Backend API's ceremonies and challenges take it (common.yml `clientInfo`): the
 * address and user agent come from the request, the device from parsing the user agent.
 * @throws VALIDATION_FAILED naming `clientInformation` when it is not an object.
 */
export function toCeremonyClientInformation(
  value: unknown,
  request: { remoteAddress: string; userAgent: string | undefined },
): Record<string, unknown> {
  if (
    value !== undefined &&
    (typeof value !== 'object' || value === null || Array.isArray(value))
  ) {
    throw invalidField('clientInformation', 'must be an object');
  }
  const info = (value ?? {}) as Record<string, unknown>;
  const flag = (name: string, fallback?: unknown) => {
    const raw = info[name] ?? fallback;
    if (raw !== undefined && typeof raw !== 'boolean') {
      throw invalidField(`clientInformation.${name}`, 'must be true or false');
    }
    return raw === true;
  };
  const userAgent = (request.userAgent ?? '').slice(0, userAgentMaxLength);
  return {
    remoteAddress: request.remoteAddress.slice(0, 128),
    userAgent,
    userVerifyingPlatformAuthenticatorAvailable: flag(
      'isUserVerifyingPlatformAuthenticatorAvailable',
      info.canUsePasskeys,
    ),
    conditionalMediationAvailable: flag('isConditionalMediationAvailable'),
    bluetoothAvailable: flag('bluetoothAvailable'),
    parsedDeviceInfo: parseUserAgent(userAgent),
    ...(info.clientEnvHandle !== undefined && { clientEnvHandle: info.clientEnvHandle }),
    ...(info.visitorId !== undefined && { javascriptFingerprint: info.visitorId }),
    ...(info.javaScriptHighEntropy !== undefined && {
      javaScriptHighEntropy: info.javaScriptHighEntropy,
    }),
  };
}
