import type { Kysely } from 'kysely';
import type { Database, ProjectRow } from './schema.js';

/** A project as the rest of the code sees it. */
export interface ProjectRecord {
  id: string;
  name: string;
  rpId: string | null;
  rpName: string | null;
  allowedOrigins: string[];
  frontendApiUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

export type ProjectChanges = Partial<
  Pick<ProjectRecord, 'name' | 'rpId' | 'rpName' | 'allowedOrigins' | 'frontendApiUrl'>
>;

function toRecord(row: ProjectRow): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    rpId: row.rp_id,
    rpName: row.rp_name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    frontendApiUrl: row.frontend_api_url,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertProject(db: Kysely<Database>, project: ProjectRecord): Promise<void> {
  await db
    .insertInto('projects')
    .values({
      id: project.id,
      name: project.name,
      rp_id: project.rpId,
      rp_name: project.rpName,
      allowed_origins: JSON.stringify(project.allowedOrigins),
      frontend_api_url: project.frontendApiUrl,
      created_at: project.createdAt,
      updated_at: project.updatedAt,
    })
    .execute();
}

export async function findProject(
  db: Kysely<Database>,
  id: string,
): Promise<ProjectRecord | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** All projects, oldest first. Projects are few (one per application), so no paging. */
export async function listProjects(db: Kysely<Database>): Promise<ProjectRecord[]> {
  const rows = await db
    .selectFrom('projects')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** The oldest project, if any: the embedded default. */
export async function findFirstProject(db: Kysely<Database>): Promise<ProjectRecord | undefined> {
  const row = await db
    .selectFrom('projects')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Applies changes; returns the updated project, or undefined when there is none with that ID. */
export async function updateProjectRow(
  db: Kysely<Database>,
  id: string,
  changes: ProjectChanges,
  now: number,
): Promise<ProjectRecord | undefined> {
  const row = await db
    .updateTable('projects')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.rpId !== undefined && { rp_id: changes.rpId }),
      ...(changes.rpName !== undefined && { rp_name: changes.rpName }),
      ...(changes.allowedOrigins !== undefined && {
        allowed_origins: JSON.stringify(changes.allowedOrigins),
      }),
      ...(changes.frontendApiUrl !== undefined && { frontend_api_url: changes.frontendApiUrl }),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}
