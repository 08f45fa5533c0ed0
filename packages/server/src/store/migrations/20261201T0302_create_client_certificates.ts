import type { Kysely } from 'kysely';

/**
 * Client certificates the User store listener accepts: the SHA-256 fingerprint of each
 * certificate Latchkey issued or an operator registered for a project. A revoked one keeps
 * its row (`revoked_at`), so it is never silently accepted again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('client_certificates')
    .addColumn('fingerprint', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('subject_cn', 'varchar(64)', (col) => col.notNull())
    .addColumn('source', 'varchar(16)', (col) => col.notNull())
    .addColumn('not_after', 'bigint', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('client_certificates_project')
    .on('client_certificates')
    .columns(['project_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('client_certificates').execute();
}
