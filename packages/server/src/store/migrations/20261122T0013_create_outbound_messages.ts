import type { Kysely } from 'kysely';

/**
 * Messages (email, SMS) as sent by the dev transports, so `latchkey mails` can show them
 * when no SMTP server or SMS provider is configured. Expire after a day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('channel', 'varchar(8)', (col) => col.notNull())
    .addColumn('recipient', 'varchar(320)', (col) => col.notNull())
    .addColumn('subject', 'varchar(998)', (col) => col.notNull().defaultTo(''))
    .addColumn('text_body', 'text', (col) => col.notNull())
    .addColumn('html_body', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('outbound_messages_created')
    .on('outbound_messages')
    .columns(['project_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('outbound_messages_created_at')
    .on('outbound_messages')
    .column('created_at')
    .execute();
  await db.schema
    .createIndex('outbound_messages_expires_at')
    .on('outbound_messages')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbound_messages').execute();
}
