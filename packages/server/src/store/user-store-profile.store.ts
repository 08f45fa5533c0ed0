import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A user's User store fields: the password hash and the custom JSON (as text). */
export interface UserStoreProfileRecord {
  userId: string;
  projectId: string;
  passwordHash: string | null;
  data: string | null;
}

/** The profile of a user of the project; undefined when none was ever written. */
export async function findUserStoreProfile(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<UserStoreProfileRecord | undefined> {
  const row = await db
    .selectFrom('user_store_profiles')
    .select(['user_id', 'project_id', 'password_hash', 'data'])
    .where('user_id', '=', userId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row
    ? {
        userId: row.user_id,
        projectId: row.project_id,
        passwordHash: row.password_hash,
        data: row.data,
      }
    : undefined;
}

/**
 * Sets one field of a user's profile in one upsert, creating the row when there is none.
 * The caller has checked that the user belongs to the project.
 */
export async function upsertUserStoreProfile(
  db: Kysely<Database>,
  key: { projectId: string; userId: string },
  changes: { passwordHash?: string; data?: string },
  now: number,
): Promise<void> {
  const set = {
    ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
    ...(changes.data !== undefined && { data: changes.data }),
    updated_at: now,
  };
  await db
    .insertInto('user_store_profiles')
    .values({
      user_id: key.userId,
      project_id: key.projectId,
      password_hash: changes.passwordHash ?? null,
      data: changes.data ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(set))
    .execute();
}
