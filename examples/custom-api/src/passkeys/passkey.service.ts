import { createHmac } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { ExampleConfig } from '../config.js';
import {
  BackendApiClient,
  BackendApiError,
  type PasskeyData,
} from '../latchkey/backend-api.client.js';
import type { ClientInformation } from '../latchkey/client-information.js';
import {
  SessionManager,
  type SessionTokens,
  type SessionUser,
} from '../sessions/session-manager.js';
import { CONFIG } from '../tokens.js';

/** Latchkey's answers to a login finish that mean "this passkey response is not good". */
const refusedLogin = new Set([
  'PASSKEY_CHALLENGE_INVALID',
  'WEBAUTHN_VERIFICATION_FAILED',
  'VALIDATION_FAILED',
]);

/*
 * The Backend API ties a ceremony's finish to its start by `processID`. The example keeps no
 * state between the two calls, so it derives the ID from what both calls know: the user (or,
 * for conditional UI, nothing). The challenge inside the options is still single-use and
 * bound to the user, so a fixed process ID per user loses nothing.
 */
const appendProcess = (userId: string) => `append-${userId}`;
const loginProcess = (userId: string) => `login-${userId}`;
const mediationProcess = 'mediation';

/** Passkey append, identifier-first login and conditional-UI login over the Backend API. */
@Injectable()
export class PasskeyService {
  constructor(
    @Inject(BackendApiClient) private readonly latchkey: BackendApiClient,
    @Inject(SessionManager) private readonly sessions: SessionManager,
    @Inject(CONFIG) private readonly config: ExampleConfig,
  ) {}

  /** Registration options for the signed-in user, named after their email. */
  appendStart(user: SessionUser, clientInformation: ClientInformation): Promise<string> {
    return this.latchkey.appendStart({
      userID: user.userId,
      processID: appendProcess(user.userId),
      username: user.email,
      clientInformation,
    });
  }

  /** Stores the new passkey with Latchkey. */
  appendFinish(
    user: SessionUser,
    attestationResponse: string,
    clientInformation: ClientInformation,
  ): Promise<PasskeyData> {
    return this.latchkey.appendFinish({
      userID: user.userId,
      processID: appendProcess(user.userId),
      attestationResponse,
      clientInformation,
    });
  }

  /**
   * Assertion options for the email's user. For an email without an account the options
   * look the same (a real challenge from Latchkey and one stand-in credential ID, the same on
   * every call), so this endpoint does not tell who is registered; the finish then fails.
   */
  async loginStart(email: string, clientInformation: ClientInformation): Promise<string> {
    const owner = await this.latchkey.findEmailIdentifier(email);
    if (owner) {
      return this.latchkey.loginStart({
        userID: owner.userID,
        processID: loginProcess(owner.userID),
        clientInformation,
      });
    }
    const options = JSON.parse(await this.latchkey.mediationStart(clientInformation)) as {
      publicKey: Record<string, unknown>;
    };
    const standIn = createHmac('sha256', this.config.sessionKey)
      .update(`stand-in credential:${email}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    options.publicKey.allowCredentials = [{ type: 'public-key', id: standIn }];
    return JSON.stringify(options);
  }

  /**
   * Verifies the assertion with Latchkey and starts a session.
   * @throws 401 when the email has no account or Latchkey refuses the assertion (replayed,
   *   expired, another user's passkey, bad signature); 403 for a disabled user.
   */
  async loginFinish(
    email: string,
    assertionResponse: string,
    clientInformation: ClientInformation,
  ): Promise<SessionTokens> {
    const owner = await this.latchkey.findEmailIdentifier(email);
    if (!owner) throw new UnauthorizedException('passkey login failed');
    const passkey = await this.refusingLogin(() =>
      this.latchkey.loginFinish({
        userID: owner.userID,
        processID: loginProcess(owner.userID),
        assertionResponse,
        clientInformation,
      }),
    );
    return this.sessions.create({ userId: passkey.userID, email });
  }

  /** Options for conditional UI (`mediation: "conditional"`): no user, empty allow list. */
  mediationStart(clientInformation: ClientInformation): Promise<string> {
    return this.latchkey.mediationStart(clientInformation);
  }

  /**
   * Finds the user by the passkey the browser picked and starts a session.
   * @throws 401 when Latchkey refuses the assertion or knows no such passkey.
   */
  async mediationFinish(
    assertionResponse: string,
    clientInformation: ClientInformation,
  ): Promise<SessionTokens> {
    const passkey = await this.refusingLogin(() =>
      this.latchkey.mediationFinish({
        processID: mediationProcess,
        assertionResponse,
        clientInformation,
      }),
    );
    if (passkey === 'credentialDeleted') {
      throw new UnauthorizedException('passkey login failed: this passkey is no longer registered');
    }
    // The passkey was created for the user's email (appendStart's username).
    return this.sessions.create({ userId: passkey.userID, email: passkey.username });
  }

  /** Runs a login finish; Latchkey's refusals become one 401. */
  private async refusingLogin<T>(finish: () => Promise<T>): Promise<T> {
    try {
      return await finish();
    } catch (error) {
      if (error instanceof BackendApiError && refusedLogin.has(error.code)) {
        throw new UnauthorizedException(`passkey login failed: ${error.message}`);
      }
      throw error;
    }
  }
}
