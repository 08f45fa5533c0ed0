import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboundMessageTable } from './schema.js';

export type OutboundChannel = 'email' | 'sms';

/** A message as a dev transport kept it (the dev outbox that `latchkey mails` shows). */
export interface OutboundMessageRecord {
  id: string;
  projectId: string;
  channel: OutboundChannel;
  recipient: string;
  /** Empty for SMS. */
  subject: string;
  textBody: string;
  /** Null for SMS. */
  htmlBody: string | null;
  createdAt: number;
  expiresAt: number;
}

function toRecord(row: Selectable<OutboundMessageTable>): OutboundMessageRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    channel: row.channel as OutboundChannel,
    recipient: row.recipient,
    subject: row.subject,
    textBody: row.text_body,
    htmlBody: row.html_body,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function insertOutboundMessage(
  db: Kysely<Database>,
  message: OutboundMessageRecord,
): Promise<void> {
  await db
    .insertInto('outbound_messages')
    .values({
      id: message.id,
      project_id: message.projectId,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject,
      text_body: message.textBody,
      html_body: message.htmlBody,
      created_at: message.createdAt,
      expires_at: message.expiresAt,
    })
    .execute();
}

/**
 * The newest unexpired messages, newest first, of one project ((project_id, created_at)
 * index) or of all (created_at index).
 */
export async function listOutboundMessages(
  db: Kysely<Database>,
  query: { projectId?: string | undefined; limit: number; now: number },
): Promise<OutboundMessageRecord[]> {
  let select = db.selectFrom('outbound_messages').selectAll();
  if (query.projectId !== undefined) select = select.where('project_id', '=', query.projectId);
  const rows = await select
    .where('expires_at', '>', query.now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map(toRecord);
}
