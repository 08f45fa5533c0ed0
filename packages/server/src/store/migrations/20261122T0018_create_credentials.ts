import type { Kysely } from 'kysely';

/**
 * Passkeys (WebAuthn credentials). The credential ID is unique per project (a unique index,
 * so two concurrent registrations of one ID cannot both succeed); base64url of at most 1023
 * bytes fits in 1364 characters. Booleans are 0/1 integers on both dialects.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credentials')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('credential_id', 'varchar(1400)', (col) => col.notNull())
    /** The name the passkey was created for (append start's `username`, shown by authenticators). */
    .addColumn('username', 'varchar(320)', (col) => col.notNull())
    /** base64url COSE_Key. */
    .addColumn('public_key', 'text', (col) => col.notNull())
    .addColumn('algorithm', 'integer', (col) => col.notNull())
    .addColumn('sign_count', 'bigint', (col) => col.notNull())
    /** JSON array of transports. */
    .addColumn('transports', 'text', (col) => col.notNull())
    .addColumn('aaguid', 'varchar(36)', (col) => col.notNull())
    .addColumn('backup_eligible', 'integer', (col) => col.notNull())
    .addColumn('backup_state', 'integer', (col) => col.notNull())
    .addColumn('attestation_type', 'varchar(32)', (col) => col.notNull())
    .addColumn('source_os', 'varchar(128)', (col) => col.notNull())
    .addColumn('source_browser', 'varchar(128)', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('client_env_id', 'varchar(40)')
    /** Set when a login reported a lower non-zero counter: a possible cloned authenticator. */
    .addColumn('suspected_clone_at', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('last_used_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('credentials_project_credential_id')
    .on('credentials')
    .columns(['project_id', 'credential_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('credentials_user_created')
    .on('credentials')
    .columns(['project_id', 'user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credentials').execute();
}
