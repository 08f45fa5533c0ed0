import type { Kysely } from 'kysely';

/**
 * Client environments (a browser on a device) a user's ceremonies came from, and the
 * password managers (passkey providers) seen holding the user's passkeys.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('client_envs')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('handle', 'varchar(128)', (col) => col.notNull())
    .addColumn('browser_name', 'varchar(128)', (col) => col.notNull())
    .addColumn('browser_version', 'varchar(128)', (col) => col.notNull())
    .addColumn('os_name', 'varchar(128)', (col) => col.notNull())
    .addColumn('os_version', 'varchar(128)', (col) => col.notNull())
    .addColumn('user_agent', 'varchar(1024)', (col) => col.notNull())
    .addColumn('js_fingerprint', 'varchar(128)', (col) => col.notNull())
    .addColumn('device_id', 'varchar(128)')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('client_envs_user_handle')
    .on('client_envs')
    .columns(['project_id', 'user_id', 'handle'])
    .unique()
    .execute();

  await db.schema
    .createTable('password_managers')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('client_env_id', 'varchar(40)', (col) => col.notNull())
    .addColumn('credential_id', 'varchar(40)', (col) =>
      col.notNull().references('credentials.id').onDelete('cascade'),
    )
    .addColumn('aaguid', 'varchar(36)', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('score', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('password_managers_user_created')
    .on('password_managers')
    .columns(['project_id', 'user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_managers').execute();
  await db.schema.dropTable('client_envs').execute();
}
