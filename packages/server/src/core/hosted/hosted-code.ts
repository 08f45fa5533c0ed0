/** How long a hosted page's one-time code may be exchanged: one redirect and one call. */
export const hostedCodeLifetimeMs = 60_000;

/** One-time codes: a recognisable prefix plus 43 base62 characters (256 bits). */
const hostedCodePrefix = 'lkc1_';
const hostedCodeShape = /^lkc1_[0-9A-Za-z]{43}$/;

/** A new one-time code. */
export function newHostedCode(random: { base62(length: number): string }): string {
  return `${hostedCodePrefix}${random.base62(43)}`;
}

/** True when `value` can be a one-time code at all (checked before any database work). */
export function isHostedCodeShape(value: string): boolean {
  return hostedCodeShape.test(value);
}
