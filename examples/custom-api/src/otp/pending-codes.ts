/** A code Latchkey sent and the example still waits for. */
export interface PendingCode {
  userId: string;
  identifierId: string;
  /** Whether the identifier still has to be marked verified. */
  identifierPending: boolean;
  challengeId: string;
  /** When Latchkey's challenge expires (ms since the epoch). */
  expiresAt: number;
}

/**
 * Which Latchkey challenge a code for an email belongs to: Latchkey's ChallengeUpdate needs
 * the challenge ID, and `/signUpOrLogin`'s second call carries only `{email, code}`. Only the
 * ID is kept, never the code. In memory here; production keeps it where sessions live.
 */
export interface PendingCodes {
  put(email: string, code: PendingCode): Promise<void>;
  get(email: string): Promise<PendingCode | undefined>;
  /** Forgets the email's pending code if it is still this challenge. */
  delete(email: string, challengeId: string): Promise<void>;
}

/** PendingCodes in a Map; expired entries are dropped when read. */
export class MemoryPendingCodes implements PendingCodes {
  private readonly codes = new Map<string, PendingCode>();

  constructor(private readonly now: () => number = Date.now) {}

  async put(email: string, code: PendingCode): Promise<void> {
    this.codes.set(email, code);
  }

  async get(email: string): Promise<PendingCode | undefined> {
    const code = this.codes.get(email);
    if (code && code.expiresAt <= this.now()) {
      this.codes.delete(email);
      return undefined;
    }
    return code;
  }

  async delete(email: string, challengeId: string): Promise<void> {
    if (this.codes.get(email)?.challengeId === challengeId) this.codes.delete(email);
  }
}
