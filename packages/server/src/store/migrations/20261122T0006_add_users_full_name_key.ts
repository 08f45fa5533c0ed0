import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * A lower-cased copy of the full name, computed in JavaScript at write time, for search and
 * sort. SQLite's lower() folds ASCII only; keeping the folded text in a column makes "ä" find
 * "Ärger" on both databases. On PostgreSQL the column uses the "C" collation, so names sort
 * by code point exactly as SQLite's BINARY collation does, whatever the database locale.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('users')
    .addColumn('full_name_key', 'varchar(512)', (col) =>
      postgres ? col.modifyEnd(sql`collate "C"`) : col,
    )
    .execute();
  await sql`update users set full_name_key = lower(full_name) where full_name is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('users_project_full_name_key')
    .on('users')
    .columns(['project_id', 'full_name_key'])
    .execute();
  await db.schema.dropIndex('users_project_full_name_lower').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('users_project_full_name_lower')
    .on('users')
    .columns(['project_id'])
    .expression(sql`lower(full_name)`)
    .execute();
  await db.schema.dropIndex('users_project_full_name_key').execute();
  await db.schema.alterTable('users').dropColumn('full_name_key').execute();
}
