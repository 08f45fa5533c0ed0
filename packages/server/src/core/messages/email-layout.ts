import { html, type SafeHtml } from './html.js';

/*
 * The shared look of every email: a plain, centred card with inline styles (mail clients
 * ignore style sheets). Locale files supply the words; these helpers supply the markup.
 */

const font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/** A whole HTML email: `lang`, a title, the body and a small footer line. */
export function emailLayout(options: {
  lang: string;
  title: string;
  body: SafeHtml;
  footer: string;
}): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
</head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:${font};color:#18181b;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0"><tr><td align="center">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:480px;background:#ffffff;border-radius:8px;padding:32px;">
<tr><td style="font-size:16px;line-height:1.5;">
${options.body}
</td></tr>
</table>
<p style="max-width:480px;font-size:12px;line-height:1.5;color:#71717a;">${options.footer}</p>
</td></tr></table>
</body>
</html>
`;
}

/** A paragraph of text. */
export function paragraph(text: string): SafeHtml {
  return html`<p style="margin:0 0 16px;">${text}</p>`;
}

/** The one-time code, large and easy to copy. */
export function codeBox(code: string): SafeHtml {
  return html`<p style="margin:0 0 16px;font-size:32px;font-weight:700;letter-spacing:6px;font-family:monospace;">${code}</p>`;
}

/** A button-styled link, followed by the link as text for clients that hide buttons. */
export function linkButton(href: string, label: string): SafeHtml {
  return html`<p style="margin:0 0 16px;"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#18181b;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600;">${label}</a></p>
<p style="margin:0 0 16px;font-size:12px;word-break:break-all;color:#52525b;"><a href="${href}" style="color:#52525b;">${href}</a></p>`;
}
