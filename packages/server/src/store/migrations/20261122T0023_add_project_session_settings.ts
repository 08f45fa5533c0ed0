import type { Kysely } from 'kysely';

/**
 * Per-project session policy (token algorithm and lifetimes, idle and absolute limits,
 * cookie settings, environment) as one JSON object. Missing members take the defaults in
 * core/sessions/session-settings.ts, so new settings need no migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('session_settings', 'text', (col) => col.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('session_settings').execute();
}
