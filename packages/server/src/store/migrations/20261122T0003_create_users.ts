import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('full_name', 'varchar(512)')
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('explicit_webauthn_id', 'varchar(128)')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  // Every list query is scoped to a project and sorted or filtered by one of these columns.
  for (const column of ['created_at', 'updated_at', 'status', 'id']) {
    await db.schema
      .createIndex(`users_project_${column}`)
      .on('users')
      .columns(['project_id', column])
      .execute();
  }
  await db.schema
    .createIndex('users_project_full_name_lower')
    .on('users')
    .columns(['project_id'])
    .expression(sql`lower(full_name)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('users').execute();
}
