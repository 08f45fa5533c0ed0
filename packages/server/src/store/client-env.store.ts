import type { Kysely, Selectable } from 'kysely';
import { preparedQuery } from './prepared-query.js';
import type { ClientEnvTable, Database } from './schema.js';

/** A browser on a device that one of the user's ceremonies came from. */
export interface ClientEnvRecord {
  id: string;
  projectId: string;
  userId: string;
  handle: string;
  browserName: string;
  browserVersion: string;
  osName: string;
  osVersion: string;
  userAgent: string;
  jsFingerprint: string;
  deviceId: string | null;
  createdAt: number;
  lastSeenAt: number;
}

export function toClientEnvRecord(row: Selectable<ClientEnvTable>): ClientEnvRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    userId: row.user_id,
    handle: row.handle,
    browserName: row.browser_name,
    browserVersion: row.browser_version,
    osName: row.os_name,
    osVersion: row.os_version,
    userAgent: row.user_agent,
    jsFingerprint: row.js_fingerprint,
    deviceId: row.device_id,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
  };
}

/**
 * Records a client environment: inserted the first time (project, user, handle) is seen,
 * otherwise its `last_seen_at` and parsed details are refreshed. One statement, so concurrent
 * ceremonies from the same client end with one row. Returns the row's ID.
 */
export async function upsertClientEnv(db: Kysely<Database>, env: ClientEnvRecord): Promise<string> {
  const row = await db
    .insertInto('client_envs')
    .values({
      id: env.id,
      project_id: env.projectId,
      user_id: env.userId,
      handle: env.handle,
      browser_name: env.browserName,
      browser_version: env.browserVersion,
      os_name: env.osName,
      os_version: env.osVersion,
      user_agent: env.userAgent,
      js_fingerprint: env.jsFingerprint,
      device_id: env.deviceId,
      created_at: env.createdAt,
      last_seen_at: env.lastSeenAt,
    })
    .onConflict((oc) =>
      oc.columns(['project_id', 'user_id', 'handle']).doUpdateSet({
        last_seen_at: env.lastSeenAt,
        browser_version: env.browserVersion,
        os_version: env.osVersion,
        user_agent: env.userAgent,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The user's client environments, oldest first. */
export async function listUserClientEnvs(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<ClientEnvRecord[]> {
  const rows = await db
    .selectFrom('client_envs')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toClientEnvRecord);
}

/** The user's client environment with this handle, if it was seen before. */
export async function findClientEnvByHandle(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
  handle: string,
): Promise<ClientEnvRecord | undefined> {
  const [row] = (await selectClientEnvByHandle(db, { projectId, userId, handle })).rows;
  return row ? toClientEnvRecord(row) : undefined;
}

const selectClientEnvByHandle = preparedQuery(
  (db, args: { projectId: string; userId: string; handle: string }) =>
    db
      .selectFrom('client_envs')
      .selectAll()
      .where('project_id', '=', args.projectId)
      .where('user_id', '=', args.userId)
      .where('handle', '=', args.handle),
);

/** Moves a client environment's last-seen time forward (never back). */
export async function touchClientEnv(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db
    .updateTable('client_envs')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .where('last_seen_at', '<', now)
    .execute();
}
