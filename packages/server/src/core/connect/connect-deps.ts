import type { PasskeyDeps } from '../passkeys/passkey-deps.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';

/** What the Connect use cases need: the passkey engine's ports plus the shared rate limiter. */
export interface ConnectDeps extends PasskeyDeps {
  rateLimiter: RateLimiter;
}
