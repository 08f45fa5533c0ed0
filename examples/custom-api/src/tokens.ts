/*
 * Dependency-injection tokens. Every constructor parameter names its token with @Inject:
 * tsx (esbuild) does not emit the design:paramtypes metadata Nest would otherwise read, and
 * explicit tokens work the same under tsc, tsx and any bundler.
 */

/** The validated ExampleConfig. */
export const CONFIG = Symbol('CONFIG');
/** `() => number`, milliseconds since the epoch. */
export const CLOCK = Symbol('CLOCK');
/** The SessionStore. */
export const SESSION_STORE = Symbol('SESSION_STORE');
/** The PendingCodes store. */
export const PENDING_CODES = Symbol('PENDING_CODES');
