import { invalidField } from '../errors.js';
import { parseId } from '../ids.js';

/**
 * Reads a connect token ID from a path (with or without its `ctk-` prefix).
 * @throws VALIDATION_FAILED naming `connectTokenID` when it cannot be a connect token ID.
 */
export function requireConnectTokenId(value: string): string {
  const id = parseId('connectToken', value);
  if (!id) {
    throw invalidField('connectTokenID', 'must be a connect token ID like ctk-4693224802260150919');
  }
  return id;
}
