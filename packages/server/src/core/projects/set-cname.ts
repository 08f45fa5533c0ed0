import type { ProjectRecord } from '../../store/project.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField } from '../errors.js';
import { hasControlCharacters } from './project-settings.js';
import { updateProject } from './update-project.js';

/**
 * `[scheme://]host[:port][/]`. Anything else — a path, a query, user info, a backslash,
 * percent-encoding — fails this before the WHATWG URL parser can quietly "fix" it.
 */
const cnameShape =
  /^(?:(?<scheme>[A-Za-z][A-Za-z0-9+.-]*):\/\/)?(?<host>\[[0-9A-Fa-f:.]+\]|[^\s/\\?#@:%[\]]+)(?::(?<port>[0-9]{1,5}))?\/?$/;
const domainName =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isLocalhost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '127.0.0.1' ||
    hostname === '[::1]'
  );
}

/**
 * Reads a CNAME as the Backend API takes it: a bare domain name (`auth.example.com`, at least
 * two labels) or IP address, optionally with a port, means `https://` that host; a bare
 * `https://` origin is taken as it is; plain `http://` only for localhost. Returns the
 * canonical origin (lower case, punycode, no default port, no trailing slash).
 * @throws VALIDATION_FAILED naming `cname`.
 */
export function parseCname(value: string): string {
  // Control characters anywhere (a trailing newline included) are refused, not trimmed.
  if (hasControlCharacters(value)) {
    throw invalidField('cname', 'must not contain control characters');
  }
  const text = value.trim();
  if (text.length === 0) throw invalidField('cname', 'is required');
  if (text.length > 300) throw invalidField('cname', 'must be at most 300 characters');
  const match = cnameShape.exec(text);
  if (!match?.groups) {
    throw invalidField(
      'cname',
      `"${text}" must be a host name like auth.example.com or an origin like https://auth.example.com, with no path`,
    );
  }
  const scheme = (match.groups.scheme ?? 'https').toLowerCase();
  const { host = '', port } = match.groups;
  if (scheme !== 'https' && scheme !== 'http') {
    throw invalidField('cname', `the scheme must be https, not ${scheme}`);
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw invalidField('cname', `port ${port} is not a port from 1 to 65535`);
  }
  let url: URL;
  try {
    url = new URL(`${scheme}://${host}${port === undefined ? '' : `:${port}`}`);
  } catch {
    throw invalidField('cname', `"${text}" is not a valid host name`);
  }
  const hostname = url.hostname;
  const octets = ipv4.exec(hostname);
  const validHost = hostname.startsWith('[')
    ? true // the URL parser already checked the IPv6 address
    : octets
      ? // Only dotted decimal as written: the URL parser would also turn 0x7f.1 or 2130706433
        // into an address.
        host === hostname && octets.slice(1).every((octet) => Number(octet) <= 255)
      : domainName.test(hostname);
  if (!validHost) throw invalidField('cname', `"${host}" is not a valid host name`);
  // A CNAME is a DNS name the public reaches (and gets a certificate for): at least two labels.
  if (!octets && !hostname.startsWith('[') && !hostname.includes('.') && !isLocalhost(hostname)) {
    throw invalidField('cname', `"${host}" must be a full domain name like auth.example.com`);
  }
  if (scheme === 'http' && !isLocalhost(hostname)) {
    throw invalidField('cname', 'must use https (plain http is only allowed for localhost)');
  }
  return url.origin;
}

/**
 * Sets the project's Frontend API URL from a CNAME (`PUT /projectConfig/cname`). Session
 * tokens name this URL as their issuer.
 * @throws VALIDATION_FAILED naming `cname`, PROJECT_NOT_FOUND
 */
export async function setCname(
  deps: CoreDeps,
  projectId: string,
  cname: unknown,
): Promise<ProjectRecord> {
  if (typeof cname !== 'string') throw invalidField('cname', 'must be a string');
  return updateProject(deps, projectId, { frontendApiUrl: parseCname(cname) });
}
