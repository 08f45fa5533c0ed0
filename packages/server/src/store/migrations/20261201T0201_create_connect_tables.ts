import type { Kysely } from 'kysely';

/**
 * Connect (docs/connect.md): `connect_processes`, one per `/v2/connect/{login,append,manage}/init`, keyed by the
 * SHA-256 of the process token the client sends back in `X-Corbado-Process-ID`; and
 * `connect_users`, which maps the customer's identifier (folded) to the Latchkey user created
 * on the first passkey append, unique per project so two first appends cannot make two users.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connect_processes')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('kind', 'varchar(16)', (col) => col.notNull())
    /** JSON: the Backend API form of the client's clientInformation at init. */
    .addColumn('client_information', 'text', (col) => col.notNull())
    .addColumn('user_id', 'varchar(40)', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('identifier', 'varchar(320)')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('connect_processes_expires_at')
    .on('connect_processes')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('connect_processes_user_id')
    .on('connect_processes')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('connect_users')
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    /** The identifier trimmed, NFC-normalised and lower-cased. */
    .addColumn('identifier_key', 'varchar(320)', (col) => col.notNull())
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('connect_users_pk', ['project_id', 'identifier_key'])
    .execute();
  await db.schema
    .createIndex('connect_users_user_id')
    .on('connect_users')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('connect_users').execute();
  await db.schema.dropTable('connect_processes').execute();
}
