/**
 * The numbers the decision rules use. Events with an `expires` count until then (whoever
 * recorded them through `POST /v2/users/{userID}/passkeyEvents` chose how long they matter);
 * events without one count for the window given here.
 */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Explicit append aborts on one client after which Latchkey stops offering a passkey there. */
export const appendAbortsToStopAsking = 3;

/**
 * How long append aborts, `append-credential-exists` and the `user-…-blacklisted` events
 * count when they carry no `expires`: a quarter, long enough to remember a "no", short enough
 * to ask again after a device or habit change.
 */
export const historyWindowMs = 90 * day;

/**
 * After the user declined an append variant on a client, that variant is not offered there
 * again for this long (`historyData.*Cooldown`): no second prompt on the same day.
 */
export const appendCooldownMs = day;

/** Failed passkey logins on one client after which passkey login is no longer suggested there. */
export const loginFailuresToDeny = 3;

/**
 * How long a failed login without `expires` counts towards `loginFailuresToDeny`: a week, so
 * a passkey that stopped working here is not suggested again and again, and a bad day is
 * forgotten.
 */
export const loginFailureWindowMs = 7 * day;

/**
 * How recent a login error, a missing credential or a cross-device login must be to choose
 * the append variant (`after-error`, `after-no-credential`, `after-hybrid`): the same sitting.
 */
export const variantWindowMs = 15 * minute;
