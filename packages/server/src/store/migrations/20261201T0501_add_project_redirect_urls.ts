import type { Kysely } from 'kysely';

/**
 * Per-project allowed redirect URLs of the hosted pages (docs/hosted-pages.md): a JSON array
 * of `origin + path` rules; a redirect goes only to a URL whose origin and path equal one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('allowed_redirect_urls', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('allowed_redirect_urls').execute();
}
