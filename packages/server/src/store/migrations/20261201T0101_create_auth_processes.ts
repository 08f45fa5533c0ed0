import type { Kysely } from 'kysely';

/**
 * Frontend API processes (spec_v2.yaml `/v2/auth/process/*`): one row per sign-up or login in
 * progress. The client's process token is stored only as its SHA-256. `state` is the block the
 * client is on, `context` the typed, versioned flow data as JSON, and `version` the optimistic
 * lock every step's write is guarded by.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_processes')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('state', 'varchar(40)', (col) => col.notNull())
    /** active | completed (expiry is read from expires_at). */
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('context', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('auth_processes_expires_at')
    .on('auth_processes')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('auth_processes_project_id')
    .on('auth_processes')
    .column('project_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth_processes').execute();
}
