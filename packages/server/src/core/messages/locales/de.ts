import { codeBox, emailLayout, linkButton, paragraph } from '../email-layout.js';
import { html } from '../html.js';
import type { MessageCatalog } from '../message-catalog.js';

/** "5 Minuten", "1 Minute", "45 Sekunden": nie mehr als die echte Gültigkeit. */
function validFor(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 Sekunde' : `${seconds} Sekunden`;
  const minutes = Math.floor(seconds / 60);
  return minutes === 1 ? '1 Minute' : `${minutes} Minuten`;
}

const ignoreLine = 'Wenn Sie das nicht angefordert haben, können Sie diese Nachricht ignorieren.';

/** Deutsch (Sie-Form). */
export const de: MessageCatalog = {
  locale: 'de',

  emailOtp: ({ projectName, code, lifetimeSeconds }) => {
    const title = `Ihr Bestätigungscode für ${projectName}`;
    return {
      subject: title,
      text: [
        `Ihr Bestätigungscode für ${projectName} lautet:`,
        '',
        `    ${code}`,
        '',
        `Er ist ${validFor(lifetimeSeconds)} gültig. Geben Sie ihn an niemanden weiter.`,
        '',
        ignoreLine,
        '',
      ].join('\n'),
      html: emailLayout({
        lang: 'de',
        title,
        body: html`${paragraph(`Ihr Bestätigungscode für ${projectName} lautet:`)}${codeBox(code)}${paragraph(
          `Er ist ${validFor(lifetimeSeconds)} gültig. Geben Sie ihn an niemanden weiter.`,
        )}`,
        footer: ignoreLine,
      }),
    };
  },

  emailLink: ({ projectName, link, lifetimeSeconds }) => {
    const title = `Ihr Bestätigungslink für ${projectName}`;
    return {
      subject: title,
      text: [
        `Öffnen Sie diesen Link, um zu ${projectName} fortzufahren:`,
        '',
        link,
        '',
        `Er ist ${validFor(lifetimeSeconds)} gültig und kann nur einmal verwendet werden. Leiten Sie ihn nicht weiter.`,
        '',
        ignoreLine,
        '',
      ].join('\n'),
      html: emailLayout({
        lang: 'de',
        title,
        body: html`${paragraph(`Mit der Schaltfläche unten geht es weiter zu ${projectName}.`)}${linkButton(
          link,
          `Weiter zu ${projectName}`,
        )}${paragraph(
          `Er ist ${validFor(lifetimeSeconds)} gültig und kann nur einmal verwendet werden. Leiten Sie ihn nicht weiter.`,
        )}`,
        footer: ignoreLine,
      }),
    };
  },

  smsOtp: ({ projectName, code, lifetimeSeconds }) =>
    `${code} ist Ihr Bestätigungscode für ${projectName}. Gültig für ${validFor(lifetimeSeconds)}.`,
};
