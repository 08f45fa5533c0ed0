import type { Kysely } from 'kysely';

/** Per-project settings for mail and links: sender address, link target, default language. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('email_from', 'varchar(320)').execute();
  await db.schema.alterTable('projects').addColumn('email_link_url', 'varchar(2048)').execute();
  await db.schema
    .alterTable('projects')
    .addColumn('default_locale', 'varchar(16)', (col) => col.notNull().defaultTo('en'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('default_locale').execute();
  await db.schema.alterTable('projects').dropColumn('email_link_url').execute();
  await db.schema.alterTable('projects').dropColumn('email_from').execute();
}
