import type { Kysely } from 'kysely';

/**
 * Per-project relying-party policy (user verification, attestation, resident key,
 * algorithms, timeout, cross-origin and top-origin rules, related origins) as one JSON
 * object. Missing members take the defaults in core/passkeys/relying-party.ts, so new
 * settings need no migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('webauthn_settings', 'text', (col) => col.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('webauthn_settings').execute();
}
