/** One signed-in session: a refresh token family with its current token's hash. */
export interface SessionRecord {
  id: string;
  userId: string;
  email: string;
  /** SHA-256 (hex) of the current refresh token; the token itself is never stored. */
  refreshTokenHash: string;
  createdAt: number;
  /** Absolute end: refreshing never extends a session past it. */
  expiresAt: number;
}

/**
 * Where sessions live. The example keeps them in process memory (`MemorySessionStore`); a
 * production deployment implements this over its database or Redis, so that several nodes
 * share sessions and a restart does not sign everyone out. `rotate` must be atomic there too:
 * `UPDATE sessions SET refresh_token_hash = $new WHERE refresh_token_hash = $old RETURNING *`.
 */
export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  /**
   * Swaps the current refresh token hash for a new one in one step. `reused` when `oldHash`
   * was current once and has been rotated away (someone replays a stolen token): the store
   * then deletes that session, so thief and owner both have to sign in again.
   */
  rotate(
    oldHash: string,
    newHash: string,
  ): Promise<{ session: SessionRecord } | 'reused' | 'unknown'>;
  delete(id: string): Promise<void>;
}

/** Sessions in a Map (single process, lost on restart): fine for the example, not for production. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly byHash = new Map<string, string>();
  /** Rotated-away hashes → session ID, for reuse detection. */
  private readonly retired = new Map<string, string>();

  async create(session: SessionRecord): Promise<void> {
    this.sessions.set(session.id, { ...session });
    this.byHash.set(session.refreshTokenHash, session.id);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(id);
    return session && { ...session };
  }

  // No await between the read and the write: in one Node process this is atomic.
  async rotate(oldHash: string, newHash: string) {
    const id = this.byHash.get(oldHash);
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session) {
      const reusedId = this.retired.get(oldHash);
      if (reusedId === undefined) return 'unknown' as const;
      this.deleteNow(reusedId);
      return 'reused' as const;
    }
    this.byHash.delete(oldHash);
    this.retired.set(oldHash, session.id);
    session.refreshTokenHash = newHash;
    this.byHash.set(newHash, session.id);
    return { session: { ...session } };
  }

  async delete(id: string): Promise<void> {
    this.deleteNow(id);
  }

  private deleteNow(id: string): void {
    const session = this.sessions.get(id);
    if (session) this.byHash.delete(session.refreshTokenHash);
    this.sessions.delete(id);
    // Retired hashes of the session stay: a replay after logout is still recognised (and
    // refused); they point at a session that no longer exists.
  }
}
