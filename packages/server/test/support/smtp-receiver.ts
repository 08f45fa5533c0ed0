import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the receiver got it, decoded the way a mail client would show it. */
export interface ReceivedMail {
  /** SMTP envelope. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Decoded header values, by lower-case name. */
  headers: Map<string, string>;
  from: string;
  to: string;
  subject: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded. */
  html: string;
  /** The logged-in SMTP user, if any. */
  user: string | undefined;
  raw: string;
}

export interface SmtpReceiver {
  /** `smtp://[user:pass@]127.0.0.1:PORT` for nodemailer. */
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Makes the next messages fail with this SMTP reply code (e.g. 550), or succeed again (undefined). */
  rejectWith(code: number | undefined): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a free port, without TLS, that keeps
 * every message it accepts. With `auth`, it requires those credentials.
 */
export async function startSmtpReceiver(
  options: { auth?: { user: string; pass: string } } = {},
): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  let rejectCode: number | undefined;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('invalid credentials'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (rejectCode !== undefined) {
          const error = new Error('rejected by the test') as Error & { responseCode: number };
          error.responseCode = rejectCode;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelopeFrom = session.envelope.mailFrom;
        messages.push({
          ...parseMail(raw),
          envelopeFrom: envelopeFrom ? envelopeFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    rejectWith(code) {
      rejectCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Parsed = Omit<ReceivedMail, 'envelopeFrom' | 'envelopeTo' | 'user' | 'raw'>;

/** Reads a MIME message: headers, and the text and HTML parts of any multipart nesting. */
export function parseMail(raw: string): Parsed {
  const { headers, body } = splitEntity(raw);
  const parts = { text: '', html: '' };
  collectParts(headers, body, parts);
  return {
    headers,
    from: headers.get('from') ?? '',
    to: headers.get('to') ?? '',
    subject: headers.get('subject') ?? '',
    ...parts,
  };
}

function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const end = entity.indexOf('\r\n\r\n');
  const head = end < 0 ? entity : entity.slice(0, end);
  const body = end < 0 ? '' : entity.slice(end + 4);
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace (RFC 5322 §2.2.3).
  for (const line of head.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        decodeWords(line.slice(colon + 1).trim()),
      );
    }
  }
  return { headers, body };
}

function collectParts(
  headers: Map<string, string>,
  body: string,
  parts: { text: string; html: string },
): void {
  const contentType = headers.get('content-type') ?? 'text/plain';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw new Error(`multipart without boundary: ${contentType}`);
    const segments = body.split(`--${boundary}`);
    // Skip the preamble; the segment after the closing delimiter starts with "--".
    for (const segment of segments.slice(1)) {
      if (segment.startsWith('--')) break;
      const part = splitEntity(segment.replace(/^\r\n/, '').replace(/\r\n$/, ''));
      collectParts(part.headers, part.body, parts);
    }
    return;
  }
  const decoded = decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit');
  if (mediaType === 'text/plain') parts.text = decoded;
  if (mediaType === 'text/html') parts.html = decoded;
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable': {
      const bytes = body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        );
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), assumed UTF-8. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, _charset, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}
