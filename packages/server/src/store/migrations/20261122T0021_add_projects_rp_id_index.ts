import type { Kysely } from 'kysely';

/** `/.well-known/webauthn` finds the projects of the RP ID a browser asks on. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('projects_rp_id').on('projects').column('rp_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('projects_rp_id').execute();
}
