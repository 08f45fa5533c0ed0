import { BadRequestException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { BackendApiClient, BackendApiError } from '../latchkey/backend-api.client.js';
import type { ClientInformation } from '../latchkey/client-information.js';
import { SessionManager, type SessionTokens } from '../sessions/session-manager.js';
import { PENDING_CODES } from '../tokens.js';
import type { PendingCodes } from './pending-codes.js';

/**
 * Sign-up or login by email code, on Latchkey's users, identifiers and `email_otp`
 * challenges. The first step answers the same whether or not the email had an account, so
 * the endpoint does not tell who is registered.
 */
@Injectable()
export class OtpLoginService {
  constructor(
    @Inject(BackendApiClient) private readonly latchkey: BackendApiClient,
    @Inject(SessionManager) private readonly sessions: SessionManager,
    @Inject(PENDING_CODES) private readonly pending: PendingCodes,
  ) {}

  /** Finds the email's user (or creates a pending one) and has Latchkey mail a code. */
  async sendCode(email: string, clientInformation: ClientInformation): Promise<void> {
    const owner = await this.findOrCreateOwner(email);
    const challenge = await this.latchkey.sendEmailCode(owner.userID, email, clientInformation);
    await this.pending.put(email, {
      userId: owner.userID,
      identifierId: owner.identifierID,
      identifierPending: owner.status === 'pending',
      challengeId: challenge.challengeID,
      expiresAt: challenge.expiresMs,
    });
  }

  /**
   * Checks the code with Latchkey; on success activates a new user, verifies the email and
   * starts a session.
   * @throws 400 (no code pending, wrong, expired or used code), 429, 403 (disabled user).
   */
  async verifyCode(email: string, code: string): Promise<SessionTokens> {
    const pending = await this.pending.get(email);
    if (!pending) {
      throw new BadRequestException(
        'code: no code is pending for this email; ask for one with {email} first',
      );
    }
    try {
      await this.latchkey.verifyCode(pending.userId, pending.challengeId, code);
    } catch (error) {
      // A wrong code may be retried (Latchkey locks the challenge after 5); anything else
      // ends this challenge.
      if (!(error instanceof BackendApiError && error.code === 'CHALLENGE_CODE_INVALID')) {
        await this.pending.delete(email, pending.challengeId);
      }
      throw error;
    }
    await this.pending.delete(email, pending.challengeId);
    const status = await this.latchkey.getUserStatus(pending.userId);
    if (status === 'disabled') throw new ForbiddenException('this account is disabled');
    if (status === 'pending') await this.latchkey.setUserStatus(pending.userId, 'active');
    // The code proved the address; a primary identifier stays primary.
    if (pending.identifierPending) {
      await this.latchkey.setIdentifierStatus(pending.userId, pending.identifierId, 'verified');
    }
    return this.sessions.create({ userId: pending.userId, email });
  }

  /**
   * The user whose email identifier this is, or a new pending user with it. Two first calls
   * racing for one new email: Latchkey's unique identifier lets one win; the loser deletes its
   * empty user and takes the winner's.
   */
  private async findOrCreateOwner(
    email: string,
  ): Promise<{ userID: string; identifierID: string; status: string }> {
    const found = await this.latchkey.findEmailIdentifier(email);
    if (found) return found;
    const userID = await this.latchkey.createUser('pending');
    try {
      const identifierID = await this.latchkey.createEmailIdentifier(userID, email);
      return { userID, identifierID, status: 'pending' };
    } catch (error) {
      await this.latchkey.deleteUser(userID);
      if (!(error instanceof BackendApiError && error.code === 'DUPLICATE_VALUE')) throw error;
      const winner = await this.latchkey.findEmailIdentifier(email);
      if (!winner) throw error;
      return winner;
    }
  }
}
