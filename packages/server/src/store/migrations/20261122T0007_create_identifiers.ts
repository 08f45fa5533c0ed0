import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Login identifiers (email, phone, username) of users. A value is unique per project and
 * type. Values are stored normalised (emails and usernames lower-case, phones E.164); on
 * PostgreSQL the value uses the "C" collation so prefix searches use the index and order
 * matches SQLite's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('identifiers')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(40)', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('type', 'varchar(16)', (col) => col.notNull())
    .addColumn('value', 'varchar(320)', (col) =>
      postgres ? col.notNull().modifyEnd(sql`collate "C"`) : col.notNull(),
    )
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('identifiers_project_type_value', ['project_id', 'type', 'value'])
    .execute();
  await db.schema
    .createIndex('identifiers_project_user')
    .on('identifiers')
    // created_at too: one user's rows come out of the index already oldest first.
    .columns(['project_id', 'user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('identifiers_project_value')
    .on('identifiers')
    .columns(['project_id', 'value'])
    .execute();
  await db.schema.createIndex('identifiers_user').on('identifiers').column('user_id').execute();
  // The list's default order (oldest first).
  await db.schema
    .createIndex('identifiers_project_created_at')
    .on('identifiers')
    .columns(['project_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('identifiers').execute();
}
