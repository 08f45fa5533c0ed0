/*
 * A tiny DOM builder: elements from tag, properties and children, text always as text nodes
 * (never innerHTML), so nothing the server or a person typed can become markup.
 */

type Child = Node | string | false | null | undefined;
type Props = Record<string, unknown>;

/**
 * `h('button', { type: 'submit', part: 'button', onclick }, 'Go')`. Keys starting with `on`
 * are event listeners; `aria-*`, `data-*`, `part`, `for` and the like become attributes;
 * known DOM properties (`value`, `disabled`, …) are set as properties.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value as EventListener);
    } else if (key in element && !key.includes('-') && key !== 'part' && key !== 'list') {
      (element as unknown as Record<string, unknown>)[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    element.append(child);
  }
  return element;
}

let counter = 0;
/** A document-unique ID for label/aria wiring inside a shadow root. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
