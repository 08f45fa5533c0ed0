import type { Kysely } from 'kysely';

/** Authentication events and passkey events recorded for users. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_events')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('username', 'varchar(320)', (col) => col.notNull())
    .addColumn('event_type', 'varchar(32)', (col) => col.notNull())
    .addColumn('method', 'varchar(32)', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    /** JSON: the clientInformation the event arrived with. */
    .addColumn('client_information', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('auth_events_user_created')
    .on('auth_events')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('passkey_events')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('event_type', 'varchar(64)', (col) => col.notNull())
    .addColumn('process_id', 'varchar(128)')
    .addColumn('client_env_id', 'varchar(128)')
    .addColumn('credential_id', 'varchar(128)')
    .addColumn('challenge', 'varchar(256)')
    /** Unix seconds after which the event no longer counts (and the janitor deletes it). */
    .addColumn('expires', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('passkey_events_user_created')
    .on('passkey_events')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('passkey_events_user_type')
    .on('passkey_events')
    .columns(['user_id', 'event_type'])
    .execute();
  await db.schema
    .createIndex('passkey_events_expires_at')
    .on('passkey_events')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('passkey_events').execute();
  await db.schema.dropTable('auth_events').execute();
}
