import type { KeyDeps } from '../keys/signing-keys.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';

/** What session use cases need: the core ports, the master key, the public URL, rate limits. */
export interface SessionDeps extends KeyDeps {
  /** The server's public origin: the issuer when a project names no Frontend API URL. */
  publicUrl: () => string;
  rateLimiter: RateLimiter;
}
