import Bowser from 'bowser';

/** Browser and OS of a client, as far as its user agent tells; '' where it does not. */
export interface ParsedUserAgent {
  browserName: string;
  browserVersion: string;
  osName: string;
  osVersion: string;
}

/** Longest user agent looked at; anything beyond is ignored (real ones are far shorter). */
export const userAgentMaxLength = 1024;
const fieldMaxLength = 100;

const unknown: ParsedUserAgent = { browserName: '', browserVersion: '', osName: '', osVersion: '' };

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

function clean(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(controlCharacters, '').trim().slice(0, fieldMaxLength);
}

/**
 * Parses a user agent with bowser (MIT). Input of any type and length is accepted: only the
 * first `userAgentMaxLength` characters are parsed, and it never throws.
 */
export function parseUserAgent(userAgent: unknown): ParsedUserAgent {
  if (typeof userAgent !== 'string' || userAgent.trim() === '') return { ...unknown };
  const text = userAgent.slice(0, userAgentMaxLength);
  const cached = parsedCache.get(text);
  if (cached) return { ...cached };
  const parsed = parseWithBowser(text);
  // Real traffic carries few distinct user agents; the cache is bounded all the same.
  if (parsedCache.size >= parsedCacheSize) parsedCache.clear();
  parsedCache.set(text, parsed);
  return { ...parsed };
}

/** Parsed user agents by their text (parsing is pure and costs more than a lookup). */
const parsedCache = new Map<string, ParsedUserAgent>();
const parsedCacheSize = 2000;

function parseWithBowser(userAgent: string): ParsedUserAgent {
  try {
    const result = Bowser.parse(userAgent);
    return {
      browserName: clean(result.browser?.name),
      browserVersion: clean(result.browser?.version),
      osName: clean(result.os?.name),
      osVersion: clean(result.os?.version),
    };
  } catch {
    return { ...unknown };
  }
}
