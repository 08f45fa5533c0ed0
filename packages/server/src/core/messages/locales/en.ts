import { codeBox, emailLayout, linkButton, paragraph } from '../email-layout.js';
import { html } from '../html.js';
import type { MessageCatalog } from '../message-catalog.js';

/** "5 minutes", "1 minute", "45 seconds": never more than the real lifetime. */
function validFor(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

const ignoreLine = 'If you did not ask for this, you can ignore this message.';

/** English. */
export const en: MessageCatalog = {
  locale: 'en',

  emailOtp: ({ projectName, code, lifetimeSeconds }) => {
    const title = `Your verification code for ${projectName}`;
    return {
      subject: title,
      text: [
        `Your verification code for ${projectName} is:`,
        '',
        `    ${code}`,
        '',
        `It is valid for ${validFor(lifetimeSeconds)}. Do not share it with anyone.`,
        '',
        ignoreLine,
        '',
      ].join('\n'),
      html: emailLayout({
        lang: 'en',
        title,
        body: html`${paragraph(`Your verification code for ${projectName} is:`)}${codeBox(code)}${paragraph(
          `It is valid for ${validFor(lifetimeSeconds)}. Do not share it with anyone.`,
        )}`,
        footer: ignoreLine,
      }),
    };
  },

  emailLink: ({ projectName, link, lifetimeSeconds }) => {
    const title = `Your verification link for ${projectName}`;
    return {
      subject: title,
      text: [
        `Open this link to continue to ${projectName}:`,
        '',
        link,
        '',
        `It is valid for ${validFor(lifetimeSeconds)} and works only once. Do not forward it.`,
        '',
        ignoreLine,
        '',
      ].join('\n'),
      html: emailLayout({
        lang: 'en',
        title,
        body: html`${paragraph(`Use the button below to continue to ${projectName}.`)}${linkButton(
          link,
          `Continue to ${projectName}`,
        )}${paragraph(`It is valid for ${validFor(lifetimeSeconds)} and works only once. Do not forward it.`)}`,
        footer: ignoreLine,
      }),
    };
  },

  smsOtp: ({ projectName, code, lifetimeSeconds }) =>
    `${code} is your verification code for ${projectName}. Valid for ${validFor(lifetimeSeconds)}.`,
};
