import type { Kysely } from 'kysely';

/**
 * Per-project flow settings of the Frontend API process (identifiers, verification,
 * fallbacks, …) as one JSON object. Missing members take the defaults in
 * core/process/flow-settings.ts, so new settings need no migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('flow_settings', 'text', (col) => col.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('flow_settings').execute();
}
