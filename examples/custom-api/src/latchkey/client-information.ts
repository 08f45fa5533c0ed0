import type { Request } from 'express';

/** backend_api.yml `clientInformation`: what Latchkey's decision engine and events need. */
export interface ClientInformation {
  remoteAddress: string;
  userAgent: string;
  userVerifyingPlatformAuthenticatorAvailable: boolean;
  conditionalMediationAvailable: boolean;
  parsedDeviceInfo: {
    browserName: string;
    browserVersion: string;
    osName: string;
    osVersion: string;
  };
}

const browsers: Array<[string, RegExp]> = [
  ['Edge', /Edg\/([\d.]+)/],
  ['Chrome', /(?:HeadlessChrome|Chrome|Chromium|CriOS)\/([\d.]+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari/],
];
const systems: Array<[string, RegExp]> = [
  ['iOS', /(?:iPhone|iPad).*OS ([\d_]+)/],
  ['Android', /Android ([\d.]+)/],
  ['macOS', /Mac OS X ([\d_.]+)/],
  ['Windows', /Windows NT ([\d.]+)/],
  ['Linux', /Linux()/],
];

/** Browser and OS from a user agent: a small stand-in for a real UA parser. */
export function parseUserAgent(userAgent: string): ClientInformation['parsedDeviceInfo'] {
  const browser = browsers.find(([, pattern]) => pattern.test(userAgent));
  const system = systems.find(([, pattern]) => pattern.test(userAgent));
  return {
    browserName: browser?.[0] ?? 'unknown',
    browserVersion: browser ? (browser[1].exec(userAgent)?.[1] ?? '') : '',
    osName: system?.[0] ?? 'unknown',
    osVersion: system ? (system[1].exec(userAgent)?.[1] ?? '').replaceAll('_', '.') : '',
  };
}

/**
 * The `clientInformation` Latchkey wants, from the browser's request: its address (Express's
 * `req.ip`, which honours `trust proxy` when the app sits behind one) and user agent. The
 * browser's capabilities are not sent by this example's page, so both are assumed present;
 * Latchkey uses them only for advice (`loginAllow`), which this example does not act on.
 */
export function clientInformationOf(request: Request): ClientInformation {
  const userAgent = (request.get('user-agent') ?? '').slice(0, 1024) || 'unknown';
  return {
    remoteAddress: (request.ip ?? '127.0.0.1').replace(/^::ffff:/, '').slice(0, 128),
    userAgent,
    userVerifyingPlatformAuthenticatorAvailable: true,
    conditionalMediationAvailable: true,
    parsedDeviceInfo: parseUserAgent(userAgent),
  };
}
