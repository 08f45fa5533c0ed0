/**
 * HTML built only through the `html` tag: every interpolated value is escaped unless it is
 * itself the result of `html`, so a template cannot forget to escape a value.
 */
const safeHtmlMark: unique symbol = Symbol('safeHtml');

/** A piece of HTML that is already safe to insert. */
export interface SafeHtml {
  readonly [safeHtmlMark]: true;
  readonly value: string;
}

function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && safeHtmlMark in value;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

function toHtml(value: unknown): string {
  if (isSafeHtml(value)) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results stay as they are. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (strings[index + 1] ?? '');
  });
  return { [safeHtmlMark]: true, value: out };
}
