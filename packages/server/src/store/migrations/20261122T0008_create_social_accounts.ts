import type { Kysely } from 'kysely';

/** Social logins linked to users (OAuth itself comes later). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('social_accounts')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('provider_type', 'varchar(32)', (col) => col.notNull())
    .addColumn('identifier_value', 'varchar(320)', (col) => col.notNull())
    .addColumn('foreign_id', 'varchar(256)', (col) => col.notNull())
    .addColumn('avatar_url', 'varchar(2048)', (col) => col.notNull())
    .addColumn('full_name', 'varchar(512)', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('social_accounts_project_provider_foreign', [
      'project_id',
      'provider_type',
      'foreign_id',
    ])
    .execute();
  await db.schema
    .createIndex('social_accounts_project_user')
    .on('social_accounts')
    // created_at too: one user's rows come out of the index already oldest first.
    .columns(['project_id', 'user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('social_accounts_user')
    .on('social_accounts')
    .column('user_id')
    .execute();
  // The list sorts and filters by foreignID (providerType uses the unique index) and its
  // default order is oldest first.
  await db.schema
    .createIndex('social_accounts_project_foreign')
    .on('social_accounts')
    .columns(['project_id', 'foreign_id'])
    .execute();
  await db.schema
    .createIndex('social_accounts_project_created_at')
    .on('social_accounts')
    .columns(['project_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('social_accounts').execute();
}
