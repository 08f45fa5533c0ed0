import type { Kysely } from 'kysely';

/**
 * WebAuthn challenges: 32 random bytes (base64url), bound to a ceremony, a project and (except
 * for conditional UI) a user. A finish consumes its challenge with one guarded UPDATE
 * (pending → completed); verifying the signed passkey data of a login consumes it again
 * (completed → consumed), which makes that token single-use too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('passkey_challenges')
    .addColumn('id', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('project_id', 'varchar(40)', (col) =>
      col.notNull().references('projects.id').onDelete('cascade'),
    )
    /** Null for conditional UI, where the user is known only from the assertion. */
    .addColumn('user_id', 'varchar(40)', (col) => col.references('users.id').onDelete('cascade'))
    /** 'register' | 'authenticate' (the API's passkeyChallengeType). */
    .addColumn('type', 'varchar(16)', (col) => col.notNull())
    /** 'append' | 'login' | 'mediation': a challenge finishes only the ceremony that made it. */
    .addColumn('ceremony', 'varchar(16)', (col) => col.notNull())
    .addColumn('value', 'varchar(64)', (col) => col.notNull())
    /** 'pending' | 'completed' | 'consumed'. */
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('process_id', 'varchar(128)', (col) => col.notNull())
    /** Append only: the name the passkey is created for (append start's `username`). */
    .addColumn('username', 'varchar(320)')
    /** The client environment (cle-…) the start came from, when it was known then. */
    .addColumn('client_env_id', 'varchar(40)')
    /** The credential (cre-…) a finished ceremony used or created. */
    .addColumn('credential_id', 'varchar(40)')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('passkey_challenges_project_value')
    .on('passkey_challenges')
    .columns(['project_id', 'value'])
    .unique()
    .execute();
  await db.schema
    .createIndex('passkey_challenges_user_created')
    .on('passkey_challenges')
    .columns(['project_id', 'user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('passkey_challenges_expires_at')
    .on('passkey_challenges')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('passkey_challenges').execute();
}
