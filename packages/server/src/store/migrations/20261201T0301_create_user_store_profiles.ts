import type { Kysely } from 'kysely';

/**
 * What the User store API keeps beside a user: the argon2id password hash (PHC string) and
 * the custom JSON `data` (as text). One row per user at most; it goes with the user.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_store_profiles')
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.primaryKey().references('users.id').onDelete('cascade'),
    )
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('password_hash', 'varchar(256)')
    .addColumn('data', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_store_profiles').execute();
}
