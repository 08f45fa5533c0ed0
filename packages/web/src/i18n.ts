/*
 * Texts of the components, by language. English is complete and the fallback for any key a
 * registered language leaves out. `{name}` placeholders are filled by `t()`.
 */

const en = {
  signupTitle: 'Create your account',
  loginTitle: 'Sign in',
  email: 'Email address',
  phone: 'Phone number',
  username: 'Username',
  fullName: 'Full name',
  continue: 'Continue',
  haveAccount: 'Already have an account?',
  toLogin: 'Sign in',
  noAccount: 'No account yet?',
  toSignup: 'Create one',
  passkeyVerifyTitle: 'Use your passkey',
  passkeyVerifyText: 'Confirm it is you with the passkey for {identifier}.',
  usePasskey: 'Use passkey',
  emailCodeInstead: 'Email me a code instead',
  phoneCodeInstead: 'Text me a code instead',
  emailLinkInstead: 'Email me a link instead',
  passkeyAppendTitle: 'Create a passkey',
  passkeyAppendText:
    'Sign in next time with your fingerprint, face or screen lock: no password, no code.',
  passkeyName: 'Name for this passkey',
  passkeyNameHint: 'Your password manager shows this name.',
  createPasskey: 'Create passkey',
  skip: 'Not now',
  passkeyAppendedTitle: 'Passkey created',
  passkeyAppendedText: 'Next time, sign in with your passkey.',
  emailVerifyTitle: 'Check your email',
  phoneVerifyTitle: 'Check your phone',
  codeSentTo: 'Enter the 6-digit code we sent to {identifier}.',
  code: 'Verification code',
  verify: 'Verify',
  resend: 'Send a new code',
  resendIn: 'Send a new code in {seconds} s',
  codeResent: 'A new code is on its way.',
  linkResent: 'A new link is on its way.',
  resendLink: 'Send a new link',
  resendLinkIn: 'Send a new link in {seconds} s',
  linkSentTo: 'We sent a link to {identifier}. Open it on any device to continue.',
  linkWaiting: 'Waiting for you to open the link…',
  linkOpenedElsewhere: 'Verified. Go back to the device where you started to continue.',
  linkProcessDone: 'This sign-in is already finished.',
  useOther: 'Use a different account',
  completedTitle: 'You are signed in',
  signedInAs: 'Signed in as {name}',
  logout: 'Sign out',
  working: 'One moment…',
  passkeysTitle: 'Your passkeys',
  passkey: 'Passkey',
  passkeyOn: '{browser} on {os}',
  noPasskeys: 'You have no passkeys yet.',
  addPasskey: 'Add a passkey',
  deletePasskey: 'Delete',
  deletePasskeyLabel: 'Delete passkey {name}',
  confirmDelete: 'Delete the passkey “{name}”? You can no longer sign in with it.',
  confirm: 'Delete passkey',
  cancel: 'Cancel',
  created: 'Created {date}',
  lastUsed: 'Last used {date}',
  synced: 'Synced',
  syncedHint: 'Available on your other devices',
  deviceBound: 'This device only',
  passkeyAdded: 'Passkey added.',
  passkeyDeleted: 'Passkey deleted.',
  notSignedIn: 'You are not signed in.',
  // Block and API errors, by their codes.
  err_invalid_code: 'That code is not right. Check it and try again.',
  err_code_expired: 'That code has expired. Send a new one.',
  err_too_many_attempts: 'Too many tries. Send a new code.',
  err_code_used: 'That code was already used. Send a new one.',
  err_retry_later: 'Please wait a moment before asking for another code.',
  err_rate_limited: 'Too many requests. Please wait a few minutes.',
  err_no_code_sent: 'No code was sent yet. Send one first.',
  err_passkey_error: 'The passkey could not be used. Try again.',
  err_passkey_exists: 'This device already has a passkey for this account.',
  err_passkey_not_found: 'This passkey is not known. Use another one or a code.',
  err_passkey_required: 'A passkey is needed to continue.',
  err_identifier_already_in_use: 'There is already an account with this. Sign in instead.',
  err_unknown_identifier: 'There is no account with this. Create one?',
  err_user_disabled: 'This account is disabled.',
  err_no_login_method: 'This account has no way to sign in here.',
  err_invalid: 'This is not valid.',
  err_missing: 'Please fill this in.',
  err_unsupported: 'This is not supported.',
  err_signup_unavailable: 'Sign-up is not available.',
  err_cancelled: 'The passkey prompt was closed. Try again when you are ready.',
  err_no_webauthn: 'This browser cannot use passkeys.',
  err_PROCESS_EXPIRED: 'This took too long, so we started over.',
  err_CHALLENGE_CODE_INVALID: 'This link is not valid any more. Ask for a new one.',
  err_LAST_LOGIN_METHOD: 'This is your last way to sign in, so it cannot be deleted.',
  err_generic: 'Something went wrong. Please try again.',
};

export type TextKey = keyof typeof en;
export type Texts = Record<TextKey, string>;

const de: Partial<Texts> = {
  signupTitle: 'Konto erstellen',
  loginTitle: 'Anmelden',
  email: 'E-Mail-Adresse',
  phone: 'Telefonnummer',
  username: 'Benutzername',
  fullName: 'Vollständiger Name',
  continue: 'Weiter',
  haveAccount: 'Sie haben schon ein Konto?',
  toLogin: 'Anmelden',
  noAccount: 'Noch kein Konto?',
  toSignup: 'Konto erstellen',
  passkeyVerifyTitle: 'Mit Passkey anmelden',
  passkeyVerifyText: 'Bestätigen Sie mit dem Passkey für {identifier}, dass Sie es sind.',
  usePasskey: 'Passkey verwenden',
  emailCodeInstead: 'Stattdessen Code per E-Mail',
  phoneCodeInstead: 'Stattdessen Code per SMS',
  emailLinkInstead: 'Stattdessen Link per E-Mail',
  passkeyAppendTitle: 'Passkey erstellen',
  passkeyAppendText:
    'Melden Sie sich nächstes Mal mit Fingerabdruck, Gesicht oder Bildschirmsperre an: ohne Passwort, ohne Code.',
  passkeyName: 'Name für diesen Passkey',
  passkeyNameHint: 'Ihr Passwortmanager zeigt diesen Namen an.',
  createPasskey: 'Passkey erstellen',
  skip: 'Nicht jetzt',
  passkeyAppendedTitle: 'Passkey erstellt',
  passkeyAppendedText: 'Melden Sie sich nächstes Mal mit Ihrem Passkey an.',
  emailVerifyTitle: 'E-Mail prüfen',
  phoneVerifyTitle: 'Telefon prüfen',
  codeSentTo: 'Geben Sie den 6-stelligen Code ein, den wir an {identifier} gesendet haben.',
  code: 'Bestätigungscode',
  verify: 'Bestätigen',
  resend: 'Neuen Code senden',
  resendIn: 'Neuer Code in {seconds} s',
  codeResent: 'Ein neuer Code ist unterwegs.',
  linkResent: 'Ein neuer Link ist unterwegs.',
  resendLink: 'Neuen Link senden',
  resendLinkIn: 'Neuer Link in {seconds} s',
  linkSentTo:
    'Wir haben einen Link an {identifier} gesendet. Öffnen Sie ihn auf einem beliebigen Gerät.',
  linkWaiting: 'Warten, bis Sie den Link öffnen…',
  linkOpenedElsewhere: 'Bestätigt. Fahren Sie auf dem Gerät fort, auf dem Sie begonnen haben.',
  linkProcessDone: 'Diese Anmeldung ist bereits abgeschlossen.',
  useOther: 'Anderes Konto verwenden',
  completedTitle: 'Sie sind angemeldet',
  signedInAs: 'Angemeldet als {name}',
  logout: 'Abmelden',
  working: 'Einen Moment…',
  passkeysTitle: 'Ihre Passkeys',
  passkey: 'Passkey',
  passkeyOn: '{browser} auf {os}',
  noPasskeys: 'Sie haben noch keine Passkeys.',
  addPasskey: 'Passkey hinzufügen',
  deletePasskey: 'Löschen',
  deletePasskeyLabel: 'Passkey {name} löschen',
  confirmDelete: 'Den Passkey „{name}“ löschen? Sie können sich dann nicht mehr damit anmelden.',
  confirm: 'Passkey löschen',
  cancel: 'Abbrechen',
  created: 'Erstellt am {date}',
  lastUsed: 'Zuletzt verwendet am {date}',
  synced: 'Synchronisiert',
  syncedHint: 'Auf Ihren anderen Geräten verfügbar',
  deviceBound: 'Nur dieses Gerät',
  passkeyAdded: 'Passkey hinzugefügt.',
  passkeyDeleted: 'Passkey gelöscht.',
  notSignedIn: 'Sie sind nicht angemeldet.',
  err_invalid_code: 'Dieser Code stimmt nicht. Prüfen Sie ihn und versuchen Sie es erneut.',
  err_code_expired: 'Dieser Code ist abgelaufen. Fordern Sie einen neuen an.',
  err_too_many_attempts: 'Zu viele Versuche. Fordern Sie einen neuen Code an.',
  err_code_used: 'Dieser Code wurde schon verwendet. Fordern Sie einen neuen an.',
  err_retry_later: 'Bitte warten Sie kurz, bevor Sie einen neuen Code anfordern.',
  err_rate_limited: 'Zu viele Anfragen. Bitte warten Sie einige Minuten.',
  err_no_code_sent: 'Es wurde noch kein Code gesendet.',
  err_passkey_error: 'Der Passkey konnte nicht verwendet werden. Versuchen Sie es erneut.',
  err_passkey_exists: 'Dieses Gerät hat schon einen Passkey für dieses Konto.',
  err_passkey_not_found:
    'Dieser Passkey ist unbekannt. Verwenden Sie einen anderen oder einen Code.',
  err_passkey_required: 'Zum Fortfahren ist ein Passkey nötig.',
  err_identifier_already_in_use: 'Dafür gibt es schon ein Konto. Melden Sie sich an.',
  err_unknown_identifier: 'Dafür gibt es kein Konto. Eines erstellen?',
  err_user_disabled: 'Dieses Konto ist deaktiviert.',
  err_no_login_method: 'Für dieses Konto gibt es hier keine Anmeldemöglichkeit.',
  err_invalid: 'Das ist nicht gültig.',
  err_missing: 'Bitte ausfüllen.',
  err_unsupported: 'Das wird nicht unterstützt.',
  err_signup_unavailable: 'Registrierung ist nicht verfügbar.',
  err_cancelled: 'Die Passkey-Abfrage wurde geschlossen. Versuchen Sie es erneut.',
  err_no_webauthn: 'Dieser Browser kann keine Passkeys verwenden.',
  err_PROCESS_EXPIRED: 'Das hat zu lange gedauert, daher haben wir neu begonnen.',
  err_CHALLENGE_CODE_INVALID: 'Dieser Link ist nicht mehr gültig. Fordern Sie einen neuen an.',
  err_LAST_LOGIN_METHOD:
    'Das ist Ihre letzte Anmeldemöglichkeit, daher kann sie nicht gelöscht werden.',
  err_generic: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
};

const languages = new Map<string, Partial<Texts>>([
  ['en', en],
  ['de', de],
]);

/**
 * Adds or extends a language (`registerLanguage('fr', { loginTitle: 'Connexion', … })`).
 * Keys it leaves out fall back to English. Elements rendered after the call use it.
 */
export function registerLanguage(code: string, texts: Partial<Texts>): void {
  const key = code.toLowerCase();
  languages.set(key, { ...languages.get(key), ...texts });
}

/**
 * The language for an element: its `lang` attribute (or the nearest ancestor's, or the
 * document's), matched by full tag then by primary subtag (`de-AT` → `de`), else English.
 */
export function languageFor(element: Element): string {
  const tag = (element.closest('[lang]')?.getAttribute('lang') ?? navigator.language ?? 'en')
    .toLowerCase()
    .trim();
  if (languages.has(tag)) return tag;
  const primary = tag.split('-')[0] ?? 'en';
  return languages.has(primary) ? primary : 'en';
}

/** A text of a language with its `{placeholders}` filled. */
export function translate(
  language: string,
  key: TextKey,
  values: Record<string, string | number> = {},
): string {
  const text = languages.get(language)?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/** The text for an error code (a block error's or an API error's), or the generic one. */
export function errorText(language: string, code: string): string {
  const key = `err_${code}` as TextKey;
  return key in en ? translate(language, key) : translate(language, 'err_generic');
}
