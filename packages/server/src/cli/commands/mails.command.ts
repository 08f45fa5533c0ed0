import { Command } from 'commander';
import {
  listOutboundMessages,
  type OutboundMessageRecord,
} from '../../core/messages/list-outbound-messages.js';
import { addDatabaseOptions, type DatabaseFlags, withDatabase } from '../database-options.js';
import { formatTime, printResult } from '../output.js';

interface MailsFlags extends DatabaseFlags {
  project?: string;
  limit?: string;
}

/** The JSON shape of a dev outbox message. */
function messageJson(message: OutboundMessageRecord) {
  return {
    id: message.id,
    projectID: message.projectId,
    channel: message.channel,
    to: message.recipient,
    subject: message.subject,
    text: message.textBody,
    html: message.htmlBody,
    created: formatTime(message.createdAt),
    expires: formatTime(message.expiresAt),
  };
}

function messageLines(message: OutboundMessageRecord): string {
  const head = [
    `${message.id}  ${formatTime(message.createdAt)}  ${message.channel}  ${message.projectId}`,
    `To:       ${message.recipient}`,
    ...(message.channel === 'email' ? [`Subject:  ${message.subject}`] : []),
  ];
  return [...head, '', message.textBody.replace(/\n+$/, ''), ''].join('\n');
}

/** `latchkey mails`: the dev outbox (mail and SMS the dev transports kept), newest first. */
export function mailsCommand(): Command {
  return addDatabaseOptions(
    new Command('mails')
      .description(
        'show mail and SMS of the last 24 hours that the dev transports kept instead of sending (no LATCHKEY_SMTP_URL / LATCHKEY_SMS_WEBHOOK_URL), newest first',
      )
      .option('--project <projectID>', 'only this project (pro-…)')
      .option('--limit <n>', 'at most this many messages (1 to 1000, default 20)'),
  ).action(async (flags: MailsFlags) => {
    await withDatabase(flags, async (deps) => {
      const messages = await listOutboundMessages(deps, {
        projectId: flags.project,
        limit: flags.limit === undefined ? undefined : Number(flags.limit),
      });
      printResult(flags.json ?? false, messages.map(messageJson), () =>
        messages.length === 0
          ? 'No messages in the dev outbox (messages are kept for 24 hours, and only while no SMTP server or SMS webhook is configured).'
          : messages.map(messageLines).join(`${'-'.repeat(72)}\n`),
      );
    });
  });
}
