import type { CredentialRecord } from '../../../store/credential.store.js';
import type { PasskeyEventRecord } from '../../../store/passkey-event.store.js';
import type { ClientInformation } from '../../events/client-information.js';

/** What the decision engine knows about a user on a client. Pure data: no I/O happens later. */
export interface DecisionInput {
  /** The validated `clientInformation` of the request. */
  client: ClientInformation;
  /**
   * The `cle-…` ID of this client, when the user finished a passkey ceremony on it before
   * (client environments are recorded at finish); null for a client seen for the first time.
   */
  clientEnvId: string | null;
  /** The user's passkeys, all of them: the engine leaves out those it cannot use. */
  credentials: CredentialRecord[];
  /** The user's passkey events that have not expired. */
  events: PasskeyEventRecord[];
  /** The user's `pwm-…` password managers, when the caller loaded them (else none are reported). */
  passwordManagerIds?: string[];
  /** Unix milliseconds. */
  now: number;
}
