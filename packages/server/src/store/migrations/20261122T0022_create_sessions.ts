import type { Kysely } from 'kysely';

/**
 * Long sessions: one row per login, holding the SHA-256 of the current refresh token, and
 * the hashes of the refresh tokens it rotated out (reuse detection). `expires_at` is when
 * the session ends if nothing happens (the idle limit, capped at `absolute_expires_at`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    /** The identifier the user logged in with (the token's `orig`). */
    .addColumn('identifier_value', 'varchar(320)', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('refresh_token_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('last_action_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('absolute_expires_at', 'bigint', (col) => col.notNull())
    .execute();
  // One index per sortable/filterable column of GET /v2/sessions; user_id also serves
  // "end every session of this user".
  for (const column of [
    'id',
    'user_id',
    'expires_at',
    'last_action_at',
    'created_at',
    'updated_at',
    'status',
  ]) {
    await db.schema
      .createIndex(`sessions_project_${column}`)
      .on('sessions')
      .columns(['project_id', column])
      .execute();
  }
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('session_retired_tokens')
    .addColumn('token_hash', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('session_id', 'varchar(40)', (col) =>
      col.notNull().references('sessions.id').onDelete('cascade'),
    )
    .addColumn('project_id', 'varchar(40)', (col) => col.notNull())
    .addColumn('retired_at', 'bigint', (col) => col.notNull())
    /** The session's absolute end: past it, a reused token means nothing any more. */
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('session_retired_tokens_session_id')
    .on('session_retired_tokens')
    .column('session_id')
    .execute();
  await db.schema
    .createIndex('session_retired_tokens_expires_at')
    .on('session_retired_tokens')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_retired_tokens').execute();
  await db.schema.dropTable('sessions').execute();
}
