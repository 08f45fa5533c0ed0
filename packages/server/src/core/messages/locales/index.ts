import type { MessageCatalog } from '../message-catalog.js';
import { de } from './de.js';
import { en } from './en.js';

/**
 * Every language messages can be sent in. To add one, copy `en.ts` to `<tag>.ts`, translate
 * it, and list it here; the catalog test checks that every language renders every message.
 */
export const messageCatalogs: readonly MessageCatalog[] = [en, de];
