import { type Kysely, sql } from 'kysely';

/**
 * Per-project signing keys (passkey data, session tokens). The private part is stored only
 * encrypted under the master key. A unique partial index allows one active key per project
 * and purpose, so two concurrent first uses cannot both create one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signing_keys')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('purpose', 'varchar(16)', (col) => col.notNull())
    .addColumn('algorithm', 'varchar(8)', (col) => col.notNull())
    .addColumn('public_jwk', 'text', (col) => col.notNull())
    .addColumn('encrypted_private_key', 'text', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('activated_at', 'bigint', (col) => col.notNull())
    .addColumn('retire_after', 'bigint')
    .execute();
  await db.schema
    .createIndex('signing_keys_project_purpose_status')
    .on('signing_keys')
    .columns(['project_id', 'purpose', 'status'])
    .execute();
  await db.schema
    .createIndex('signing_keys_one_active')
    .on('signing_keys')
    .columns(['project_id', 'purpose'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signing_keys').execute();
}
