import type { Kysely } from 'kysely';

// Migrations are frozen in time: they use Kysely<any> and import nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('name', 'varchar(200)', (col) => col.notNull())
    .addColumn('rp_id', 'varchar(253)')
    .addColumn('rp_name', 'varchar(200)')
    .addColumn('allowed_origins', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('frontend_api_url', 'varchar(2048)')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('projects_created_at').on('projects').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('projects').execute();
}
