import type { Kysely } from 'kysely';

/** Connect tokens: short-lived, single-use; only a hash of the secret is stored. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connect_tokens')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('type', 'varchar(32)', (col) => col.notNull())
    /** JSON: the token's data (identifier, displayName). */
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('secret_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  // One index per sortable/filterable column of the list (`token` is the ID).
  for (const column of ['expires_at', 'status', 'type', 'created_at', 'id']) {
    await db.schema
      .createIndex(`connect_tokens_project_${column}`)
      .on('connect_tokens')
      .columns(['project_id', column])
      .execute();
  }
  await db.schema
    .createIndex('connect_tokens_expires_at')
    .on('connect_tokens')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('connect_tokens').execute();
}
