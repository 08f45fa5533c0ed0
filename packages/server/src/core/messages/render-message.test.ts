import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageCatalogs } from './locales/index.js';
import {
  renderChallengeMail,
  renderChallengeSms,
  resolveMessageCatalog,
  supportedLocales,
} from './render-message.js';

const values = {
  projectName: 'Acme <Shop> & "Friends"',
  code: '012345',
  link: 'https://app.example.com/verify?challengeID=cha-1&code=abc',
  lifetimeSeconds: 300,
};

test('English and German are supported; tags resolve exactly, then by language, then to English', () => {
  assert.deepEqual([...supportedLocales].sort(), ['de', 'en']);
  assert.equal(resolveMessageCatalog(['de']).locale, 'de');
  assert.equal(resolveMessageCatalog(['DE-at']).locale, 'de');
  assert.equal(resolveMessageCatalog(['de_CH']).locale, 'de');
  assert.equal(resolveMessageCatalog(['fr', 'de']).locale, 'de');
  assert.equal(resolveMessageCatalog([undefined, null, '', 'xx']).locale, 'en');
  assert.equal(resolveMessageCatalog([]).locale, 'en');
});

test('every language renders every message with the code or link, escaped in HTML', () => {
  for (const catalog of messageCatalogs) {
    const otp = renderChallengeMail(catalog, 'emailOtp', values);
    assert.ok(otp.subject.includes(values.projectName), `${catalog.locale} OTP subject`);
    assert.ok(
      !otp.subject.includes(values.code),
      `${catalog.locale}: the code stays out of the subject`,
    );
    assert.ok(otp.text.includes(values.code), `${catalog.locale} OTP text`);
    assert.ok(otp.text.includes(values.projectName));
    assert.ok(otp.html.includes(values.code), `${catalog.locale} OTP html`);
    assert.ok(otp.html.includes('Acme &lt;Shop&gt; &amp; &quot;Friends&quot;'), otp.html);
    assert.ok(!otp.html.includes('<Shop>'), `${catalog.locale}: unescaped project name`);
    assert.match(otp.html, new RegExp(`<html lang="${catalog.locale}">`));

    const link = renderChallengeMail(catalog, 'emailLink', values);
    assert.ok(link.text.includes(values.link), `${catalog.locale} link text`);
    assert.ok(
      link.html.includes(values.link.replaceAll('&', '&amp;')),
      `${catalog.locale} link html`,
    );
    assert.ok(!link.html.includes(values.link), `${catalog.locale}: & in the link must be escaped`);
    assert.ok(!link.html.includes('<Shop>'));

    const sms = renderChallengeSms(catalog, values);
    assert.ok(sms.includes(values.code), `${catalog.locale} SMS`);
    assert.ok(sms.length <= 160, `${catalog.locale} SMS fits one message: ${sms.length}`);
  }
});

test('the lifetime is said in the language and never longer than it is', () => {
  const en = resolveMessageCatalog(['en']);
  const de = resolveMessageCatalog(['de']);
  const text = (catalog: typeof en, lifetimeSeconds: number) =>
    renderChallengeMail(catalog, 'emailOtp', { ...values, lifetimeSeconds }).text;
  assert.match(text(en, 300), /valid for 5 minutes/);
  assert.match(text(en, 60), /valid for 1 minute\./);
  assert.match(text(en, 119), /valid for 1 minute\./);
  assert.match(text(en, 45), /valid for 45 seconds/);
  assert.match(text(de, 900), /15 Minuten gültig/);
  assert.match(text(de, 60), /1 Minute gültig/);
  assert.match(text(de, 30), /30 Sekunden gültig/);
});
