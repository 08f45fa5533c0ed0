import type { SocialProviderType } from '../../store/social-account.store.js';
import { invalidField } from '../errors.js';
import { hasControlCharacters } from '../projects/project-settings.js';

/** The social account record as core hands it to adapters. */
export type {
  SocialAccountRecord,
  SocialProviderType,
} from '../../store/social-account.store.js';

/** common.yml `socialProviderType`. */
export const socialProviderTypes: readonly SocialProviderType[] = ['google', 'microsoft', 'github'];

const maxForeignIdLength = 256;
const maxAvatarUrlLength = 2048;
const maxFullNameLength = 256;

/** @throws VALIDATION_FAILED naming `providerType`. */
export function validateProviderType(value: string): SocialProviderType {
  if (!(socialProviderTypes as readonly string[]).includes(value)) {
    throw invalidField('providerType', `must be one of ${socialProviderTypes.join(', ')}`);
  }
  return value as SocialProviderType;
}

/**
 * The user's ID at the provider: trimmed, 1 to 256 characters, no control characters.
 * @throws VALIDATION_FAILED naming `foreignID`.
 */
export function validateForeignId(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > maxForeignIdLength) {
    throw invalidField('foreignID', `must be 1 to ${maxForeignIdLength} characters`);
  }
  if (hasControlCharacters(trimmed)) {
    throw invalidField('foreignID', 'must not contain control characters');
  }
  return trimmed;
}

/**
 * The avatar's address: an absolute http(s) URL of at most 2048 characters without
 * credentials, or empty when the provider has no picture. Stored as sent (trimmed).
 * @throws VALIDATION_FAILED naming `avatarURL`.
 */
export function validateAvatarUrl(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (trimmed.length > maxAvatarUrlLength) {
    throw invalidField('avatarURL', `must be at most ${maxAvatarUrlLength} characters`);
  }
  // The URL parser silently drops tabs and newlines and accepts spaces in places; refuse
  // them here so what is stored is what a browser would fetch.
  if (hasControlCharacters(trimmed) || /\s/u.test(trimmed)) {
    throw invalidField('avatarURL', 'must not contain spaces or control characters');
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalidField('avatarURL', 'must be an absolute https:// URL');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw invalidField('avatarURL', 'must be an absolute https:// (or http://) URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidField('avatarURL', 'must not contain a user name or password');
  }
  return trimmed;
}

/**
 * The name at the provider: trimmed, at most 256 characters, no control characters; may be
 * empty (providers do not always share a name).
 * @throws VALIDATION_FAILED naming `fullName`.
 */
export function validateSocialFullName(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length > maxFullNameLength) {
    throw invalidField('fullName', `must be at most ${maxFullNameLength} characters`);
  }
  if (hasControlCharacters(trimmed)) {
    throw invalidField('fullName', 'must not contain control characters');
  }
  return trimmed;
}
