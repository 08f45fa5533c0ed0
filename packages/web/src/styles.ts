/*
 * The components' look, all of it driven by CSS custom properties (set them on the element
 * or any ancestor) and exposed through ::part. Light by default, dark when the page prefers
 * it or the element has theme="dark"; theme="light" pins light. Colours meet WCAG AA contrast.
 */
/** The dark colours, for the media query and for theme="dark". */
const darkPalette = `
  --_bg: var(--latchkey-color-background, #16181d);
  --_fg: var(--latchkey-color-text, #e8eaed);
  --_muted: var(--latchkey-color-muted, #b4bac3);
  --_primary: var(--latchkey-color-primary, #8ab4f8);
  --_on-primary: var(--latchkey-color-on-primary, #0b1a33);
  --_border: var(--latchkey-color-border, #7d8590);
  --_error: var(--latchkey-color-error, #ffb4ab);
  --_success: var(--latchkey-color-success, #7ddc91);
  --_field: var(--latchkey-color-field, #1f2228);
`;

export const baseStyles = `
:host {
  --_bg: var(--latchkey-color-background, #ffffff);
  --_fg: var(--latchkey-color-text, #1b1f24);
  --_muted: var(--latchkey-color-muted, #4d5561);
  --_primary: var(--latchkey-color-primary, #1d56c9);
  --_on-primary: var(--latchkey-color-on-primary, #ffffff);
  --_border: var(--latchkey-color-border, #8a929c);
  --_error: var(--latchkey-color-error, #b3261e);
  --_success: var(--latchkey-color-success, #146c2e);
  --_field: var(--latchkey-color-field, #ffffff);
  --_radius: var(--latchkey-radius, 8px);
  --_gap: var(--latchkey-spacing, 12px);
  display: block;
  max-width: var(--latchkey-max-width, 420px);
  font-family: var(--latchkey-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--latchkey-font-size, 16px);
  color: var(--_fg);
  line-height: 1.4;
}
:host([hidden]) { display: none; }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {${darkPalette}}
}
:host([theme="dark"]) {${darkPalette}}
.container {
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  padding: calc(var(--_gap) * 2);
  display: flex;
  flex-direction: column;
  gap: var(--_gap);
}
h2 { font-size: 1.35em; margin: 0; }
h2:focus { outline: none; }
p { margin: 0; }
.muted { color: var(--_muted); font-size: 0.9em; }
form { display: flex; flex-direction: column; gap: var(--_gap); margin: 0; }
.field { display: flex; flex-direction: column; gap: 4px; }
label { font-weight: 600; }
input {
  font: inherit;
  color: var(--_fg);
  background: var(--_field);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  padding: 10px 12px;
}
input[aria-invalid="true"] { border-color: var(--_error); border-width: 2px; }
input:focus-visible, button:focus-visible {
  outline: 3px solid var(--_primary);
  outline-offset: 2px;
}
button {
  font: inherit;
  cursor: pointer;
  border-radius: var(--_radius);
  padding: 10px 16px;
  border: 1px solid var(--_primary);
  background: var(--_primary);
  color: var(--_on-primary);
  font-weight: 600;
}
button.secondary { background: transparent; color: var(--_primary); }
button.link {
  background: none; border: none; padding: 0; color: var(--_primary);
  text-decoration: underline; font-weight: 400;
}
button.danger { background: transparent; color: var(--_error); border-color: var(--_error); }
button:disabled { cursor: not-allowed; opacity: 0.6; }
.error { color: var(--_error); font-size: 0.95em; }
.error:empty, .status:empty { display: none; }
.status { color: var(--_success); }
.row { display: flex; gap: var(--_gap); align-items: center; flex-wrap: wrap; }
`;
