import type { Kysely } from 'kysely';

/**
 * One-time codes of the hosted pages' session handoff (docs/hosted-pages.md): short-lived,
 * single-use, bound to a project, a user and the redirect URI they were issued for. Only the
 * SHA-256 of a code is stored; the code itself travels once, in the redirect.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hosted_codes')
    .addColumn('code_hash', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    /** The hosted page's session the code was issued from (`ses-…`), for the record. */
    .addColumn('session_id', 'varchar(40)', (col) => col.notNull())
    /** The identifier the user logged in with: the new session's `orig`. */
    .addColumn('identifier_value', 'varchar(320)', (col) => col.notNull())
    .addColumn('redirect_uri', 'varchar(2048)', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('hosted_codes_expires_at')
    .on('hosted_codes')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hosted_codes').execute();
}
