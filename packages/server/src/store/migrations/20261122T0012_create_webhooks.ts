import type { Kysely } from 'kysely';

/**
 * Webhook endpoints and the delivery outbox. An event becomes one outbox row per subscribed
 * endpoint, written in the same transaction as the change that caused it; a worker on any
 * node claims due rows with a lease (`locked_until`) and delivers them at least once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('url', 'varchar(2048)', (col) => col.notNull())
    .addColumn('basic_auth_username', 'varchar(256)', (col) => col.notNull().defaultTo(''))
    .addColumn('basic_auth_password', 'varchar(256)', (col) => col.notNull().defaultTo(''))
    /** JSON object of header name → value. */
    .addColumn('custom_headers', 'text', (col) => col.notNull().defaultTo('{}'))
    /** JSON array of event types. */
    .addColumn('subscribed_events', 'text', (col) => col.notNull())
    /** Standard Webhooks signing secret (whsec_…); needed in clear to sign. */
    .addColumn('signing_secret', 'varchar(128)', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_endpoints_project')
    .on('webhook_endpoints')
    .column('project_id')
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('endpoint_id', 'varchar(40)', (col) =>
      col.notNull().references('webhook_endpoints.id').onDelete('cascade'),
    )
    /** The event's ID (webhook-id header): the same for every endpoint it goes to. */
    .addColumn('event_id', 'varchar(40)', (col) => col.notNull())
    .addColumn('event_type', 'varchar(64)', (col) => col.notNull())
    /** The JSON body, exactly as it will be signed and sent. */
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (col) => col.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'varchar(1024)')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('delivered_at', 'bigint')
    /** When the janitor may delete the row (set once delivered or given up on). */
    .addColumn('expires_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_expires_at')
    .on('webhook_deliveries')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint')
    .on('webhook_deliveries')
    .column('endpoint_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}
