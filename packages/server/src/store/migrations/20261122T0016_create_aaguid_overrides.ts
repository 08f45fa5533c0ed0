import type { Kysely } from 'kysely';

/**
 * The imported AAGUID dataset (`latchkey aaguids import FILE`): authenticator names and icons
 * that take precedence over the dataset shipped with the server. Shared by every node.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('aaguid_overrides')
    .addColumn('aaguid', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('icon_light', 'text', (col) => col.notNull())
    .addColumn('icon_dark', 'text', (col) => col.notNull())
    .addColumn('imported_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aaguid_overrides').execute();
}
