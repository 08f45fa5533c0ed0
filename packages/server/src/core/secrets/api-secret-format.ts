/** Corbado's SDKs accept only secrets of this shape: `corbado1_` and then base62. */
export const apiSecretPrefix = 'corbado1_';
/** Random characters after the prefix: 48 base62 characters, about 285 bits. */
export const apiSecretRandomLength = 48;

/** Shows a secret's prefix and last four characters only. */
export function maskApiSecret(hint: string): string {
  return `${apiSecretPrefix}${'*'.repeat(8)}${hint}`;
}
