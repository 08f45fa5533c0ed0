import type { SessionDeps } from '../core/sessions/session-deps.js';
import type { RouteContext } from './route-context.js';

/** The session use cases' ports, from what every route module gets. */
export function sessionDepsOf(
  context: Pick<RouteContext, 'passkeys' | 'publicUrl' | 'rateLimiter'>,
): SessionDeps {
  return {
    ...context.passkeys,
    publicUrl: context.publicUrl,
    rateLimiter: context.rateLimiter,
  };
}
