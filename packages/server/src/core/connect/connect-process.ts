import {
  type ConnectProcessKind,
  type ConnectProcessRecord,
  findConnectProcess,
  insertConnectProcess,
} from '../../store/connect.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { hashToken } from '../crypto/hash-token.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { validateClientInformation } from '../events/client-information.js';
import { newId } from '../ids.js';
import { clientCapabilitiesOf } from '../passkeys/decision/client-capabilities.js';
import type { RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { ConnectDeps } from './connect-deps.js';

export type { ConnectProcessKind, ConnectProcessRecord };

/** A process lives 15 minutes: long enough for a sign-in page left open a while. */
export const connectProcessLifetimeMs = 15 * 60 * 1000;

/** Process tokens: a recognisable prefix and 43 base62 characters (256 bits). */
const processTokenPrefix = 'cpt1_';
const processTokenShape = /^cpt1_[0-9A-Za-z]{43}$/;

/** Each init writes a row: at most 60 per minute per project and client address. */
export const connectInitRule: RateLimitRule = {
  name: 'connect-init',
  limit: 60,
  windowMs: 60_000,
};

/** How many entries `flags` may have and how long their keys and values may be. */
const maxFlags = 32;
const maxFlagLength = 256;

export interface InitConnectProcessInput {
  kind: ConnectProcessKind;
  /** clientInformation in the Backend API's form (see core/me/frontend-client-information). */
  clientInformation: Record<string, unknown>;
  flags: unknown;
  clientAddress: string;
}

export interface InitConnectProcessResult {
  /** The process token for `X-Corbado-Process-ID`; exists in clear only in this answer. */
  token: string;
  process: ConnectProcessRecord;
  /** Whether this client can use passkeys for the process's purpose at all. */
  allowed: boolean;
}

function validateFlags(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidField('flags', 'must be an object of strings');
  }
  const entries = Object.entries(value);
  if (entries.length > maxFlags)
    throw invalidField('flags', `must have at most ${maxFlags} entries`);
  for (const [key, flag] of entries) {
    if (typeof flag !== 'string' || key.length > maxFlagLength || flag.length > maxFlagLength) {
      throw invalidField(
        `flags.${key.slice(0, 64)}`,
        `must be a string of at most ${maxFlagLength} characters`,
      );
    }
  }
}

/**
 * Starts a Connect process (`/v2/connect/{login,append,manage}/init`): validates the client's
 * information, stores the process with the SHA-256 of a fresh token and says whether this
 * client can use passkeys for it: login needs a platform authenticator or a phone (hybrid),
 * append a platform authenticator outside private and in-app browsers (the first rules of the
 * decision engine, docs/decision-engine.md); manage is always allowed.
 * @throws VALIDATION_FAILED, RATE_LIMITED
 */
export async function initConnectProcess(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: InitConnectProcessInput,
): Promise<InitConnectProcessResult> {
  const client = validateClientInformation(input.clientInformation);
  validateFlags(input.flags);
  await deps.rateLimiter.consume(connectInitRule, `${project.id}:${input.clientAddress}`);
  const now = deps.clock.now();
  const token = `${processTokenPrefix}${deps.random.base62(43)}`;
  const process: ConnectProcessRecord = {
    id: newId('connectProcess', deps.random),
    projectId: project.id,
    tokenHash: hashToken(token),
    kind: input.kind,
    clientInformation: input.clientInformation,
    userId: null,
    identifier: null,
    createdAt: now,
    expiresAt: now + connectProcessLifetimeMs,
  };
  await insertConnectProcess(deps.db, process);
  const capabilities = clientCapabilitiesOf(client);
  const allowed =
    input.kind === 'manage' ||
    (input.kind === 'login'
      ? capabilities.platformAuthenticator || capabilities.hybrid
      : capabilities.platformAuthenticator && !capabilities.restrictedBrowser);
  return { token, process, allowed };
}

/**
 * The process a request's `X-Corbado-Process-ID` names: of this project, of this kind, not
 * expired. Every failure is the same error, so a caller learns nothing about processes it
 * cannot use.
 * @throws CONNECT_PROCESS_INVALID
 */
export async function requireConnectProcess(
  deps: Pick<ConnectDeps, 'db' | 'clock'>,
  projectId: string,
  token: unknown,
  kind: ConnectProcessKind | 'any',
): Promise<ConnectProcessRecord> {
  const invalid = () =>
    new LatchkeyError(
      'CONNECT_PROCESS_INVALID',
      'X-Corbado-Process-ID: missing, unknown or expired; call init first',
      { validation: [{ field: 'X-Corbado-Process-ID', message: 'is not a valid process' }] },
    );
  if (typeof token !== 'string' || !processTokenShape.test(token)) throw invalid();
  const process = await findConnectProcess(
    deps.db,
    { projectId, tokenHash: hashToken(token) },
    deps.clock.now(),
  );
  if (!process || (kind !== 'any' && process.kind !== kind)) throw invalid();
  return process;
}
