import type { Kysely } from 'kysely';

/**
 * Email OTP, email link and SMS OTP challenges. Only a hash of the code (or link token) is
 * stored; `attempts` counts wrong tries so a challenge locks after a few.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('challenges')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('type', 'varchar(16)', (col) => col.notNull())
    .addColumn('identifier_value', 'varchar(320)', (col) => col.notNull())
    .addColumn('code_hash', 'varchar(64)', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('metadata', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('challenges_project_user')
    .on('challenges')
    .columns(['project_id', 'user_id'])
    .execute();
  await db.schema.createIndex('challenges_user').on('challenges').column('user_id').execute();
  await db.schema
    .createIndex('challenges_expires_at')
    .on('challenges')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('challenges').execute();
}
