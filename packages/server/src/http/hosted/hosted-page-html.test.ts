import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, languageOf } from './hosted-page-html.js';

test('the page language: ?lang= first, then Accept-Language by q-value, else English', () => {
  assert.equal(languageOf('de', 'en-US'), 'de');
  assert.equal(languageOf('DE-at', undefined), 'de');
  assert.equal(languageOf('fr', 'de-DE,de;q=0.9'), 'de');
  assert.equal(languageOf(undefined, 'fr-FR, de;q=0.8, en;q=0.5'), 'de');
  assert.equal(languageOf(undefined, 'en;q=0.2, de;q=0.9'), 'de');
  assert.equal(languageOf(undefined, 'de;q=0, en'), 'en');
  assert.equal(languageOf(undefined, 'fr, ja'), 'en');
  assert.equal(languageOf(undefined, undefined), 'en');
  assert.equal(languageOf(undefined, ';;;q=x,,'), 'en');
});

test('escapeHtml leaves no markup and no way out of a quoted attribute', () => {
  assert.equal(
    escapeHtml(`<a href="x" onclick='y'>&</a>`),
    '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});
