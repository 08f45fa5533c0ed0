/** passkeyData.ceremonyType: where the authenticator was relative to the client. */
export type CeremonyType = 'local' | 'cda' | 'security-key';

/**
 * Derives the ceremony type from the response's `authenticatorAttachment` and the
 * credential's transports:
 * - `platform` → `local` (the device's own authenticator or its passkey provider);
 * - `cross-platform` with `hybrid` among the transports, or a backup-eligible (synced)
 *   credential → `cda` (cross-device authentication: a phone via QR code and Bluetooth);
 * - other `cross-platform` → `security-key` (USB, NFC or BLE roaming authenticator);
 * - no attachment reported: `internal` transport → `local`, hybrid → `cda`, else security key.
 */
export function ceremonyTypeOf(input: {
  authenticatorAttachment: 'platform' | 'cross-platform' | null | undefined;
  transports: readonly string[];
  backupEligible: boolean;
}): CeremonyType {
  const hybrid = input.transports.includes('hybrid');
  if (input.authenticatorAttachment === 'platform') return 'local';
  if (input.authenticatorAttachment === 'cross-platform') {
    return hybrid || input.backupEligible ? 'cda' : 'security-key';
  }
  if (input.transports.includes('internal')) return 'local';
  if (hybrid) return 'cda';
  return input.backupEligible ? 'local' : 'security-key';
}
