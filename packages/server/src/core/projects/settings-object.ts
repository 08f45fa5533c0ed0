import { invalidField } from '../errors.js';

/**
 * A group of project settings given in part (`session`, `flow`, …) as an object whose
 * members are all known settings; members set to undefined count as absent.
 * @throws VALIDATION_FAILED naming `prefix` (not an object) or the first unknown member.
 */
export function readSettingsObject(
  input: unknown,
  prefix: string,
  names: readonly string[],
): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidField(prefix, 'must be an object');
  }
  const values = input as Record<string, unknown>;
  const unknown = Object.keys(values).find(
    (key) => values[key] !== undefined && !names.includes(key),
  );
  if (unknown !== undefined) {
    throw invalidField(`${prefix}.${unknown}`, `is not a setting; known: ${names.join(', ')}`);
  }
  return values;
}

/**
 * A whole number within bounds.
 * @throws VALIDATION_FAILED naming `field`, with the unit in the message.
 */
export function boundedWholeNumber(
  field: string,
  value: unknown,
  bounds: { min: number; max: number },
  unit: string,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < bounds.min ||
    value > bounds.max
  ) {
    throw invalidField(
      field,
      `must be a whole number of ${unit} from ${bounds.min} to ${bounds.max}`,
    );
  }
  return value;
}
