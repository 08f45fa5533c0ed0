import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, html } from './html.js';

test('escapeHtml escapes the five HTML-special characters', () => {
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
  );
});

test('html escapes interpolated values but keeps nested html as it is', () => {
  const name = '<script>alert("x")</script>';
  const inner = html`<b>${name}</b>`;
  assert.equal(
    html`<p title="${name}">${inner}</p>`.value,
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</b></p>',
  );
  assert.equal(
    html`${[html`<i>1</i>`, '<2>']}${undefined}${null}${false}${0}`.value,
    '<i>1</i>&lt;2&gt;0',
  );
});

test('a string that looks like html output is still escaped', () => {
  const forged = { value: '<b>forged</b>' };
  assert.equal(html`${forged}`.value, '[object Object]');
});
