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
  /** Sender address for the project's mail; the server default when null. */
  emailFrom: string | null;
  /** Where email links point; the Frontend API URL when null. */
  emailLinkUrl: string | null;
  /** Language of messages when a request does not say (en, de, …). */
  defaultLocale: string;
  /** WebAuthn policy as stored; members left out take the defaults (core/passkeys/relying-party.ts). */
  webauthn: Record<string, unknown>;
  /** Session policy as stored; members left out take the defaults (core/sessions/session-settings.ts). */
  session: Record<string, unknown>;
  /** Frontend API flow policy as stored; members left out take the defaults (core/process/flow-settings.ts). */
  flow: Record<string, unknown>;
  /** Where the hosted pages may redirect to: `origin + path` rules (docs/hosted-pages.md). */
  allowedRedirectUrls: string[];
  createdAt: number;
  updatedAt: number;
}

export type ProjectChanges = Partial<
  Pick<
    ProjectRecord,
    | 'name'
    | 'rpId'
    | 'rpName'
    | 'allowedOrigins'
    | 'frontendApiUrl'
    | 'emailFrom'
    | 'emailLinkUrl'
    | 'defaultLocale'
    | 'webauthn'
    | 'session'
    | 'flow'
    | 'allowedRedirectUrls'
  >
>;

/** Settings a new project may leave out: they take their defaults. */
type DefaultedSetting =
  | 'emailFrom'
  | 'emailLinkUrl'
  | 'defaultLocale'
  | 'webauthn'
  | 'session'
  | 'flow'
  | 'allowedRedirectUrls';

/** What a new project needs; the messaging settings default (null, null, 'en'). */
export type NewProject = Omit<ProjectRecord, DefaultedSetting> &
  Partial<Pick<ProjectRecord, DefaultedSetting>>;

/** A projects row as a record (also for stores that join projects). */
export function projectRecordOf(row: ProjectRow): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    rpId: row.rp_id,
    rpName: row.rp_name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    frontendApiUrl: row.frontend_api_url,
    emailFrom: row.email_from,
    emailLinkUrl: row.email_link_url,
    defaultLocale: row.default_locale,
    webauthn: JSON.parse(row.webauthn_settings) as Record<string, unknown>,
    session: JSON.parse(row.session_settings) as Record<string, unknown>,
    flow: JSON.parse(row.flow_settings) as Record<string, unknown>,
    allowedRedirectUrls: JSON.parse(row.allowed_redirect_urls) as string[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertProject(db: Kysely<Database>, project: NewProject): Promise<void> {
  await db
    .insertInto('projects')
    .values({
      id: project.id,
      name: project.name,
      rp_id: project.rpId,
      rp_name: project.rpName,
      allowed_origins: JSON.stringify(project.allowedOrigins),
      frontend_api_url: project.frontendApiUrl,
      email_from: project.emailFrom ?? null,
      email_link_url: project.emailLinkUrl ?? null,
      default_locale: project.defaultLocale ?? 'en',
      webauthn_settings: JSON.stringify(project.webauthn ?? {}),
      session_settings: JSON.stringify(project.session ?? {}),
      flow_settings: JSON.stringify(project.flow ?? {}),
      allowed_redirect_urls: JSON.stringify(project.allowedRedirectUrls ?? []),
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
  return row ? projectRecordOf(row) : undefined;
}

/** All projects, oldest first. Projects are few (one per application), so no paging. */
export async function listProjects(db: Kysely<Database>): Promise<ProjectRecord[]> {
  const rows = await db
    .selectFrom('projects')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(projectRecordOf);
}

/** The projects whose RP ID is `rpId` (usually one), oldest first. */
export async function listProjectsByRpId(
  db: Kysely<Database>,
  rpId: string,
): Promise<ProjectRecord[]> {
  const rows = await db
    .selectFrom('projects')
    .selectAll()
    .where('rp_id', '=', rpId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(projectRecordOf);
}

/** The project when the server holds exactly one; undefined when it holds none or several. */
export async function findOnlyProject(db: Kysely<Database>): Promise<ProjectRecord | undefined> {
  const rows = await db.selectFrom('projects').selectAll().limit(2).execute();
  return rows.length === 1 && rows[0] ? projectRecordOf(rows[0]) : undefined;
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
  return row ? projectRecordOf(row) : undefined;
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
      ...(changes.emailFrom !== undefined && { email_from: changes.emailFrom }),
      ...(changes.emailLinkUrl !== undefined && { email_link_url: changes.emailLinkUrl }),
      ...(changes.defaultLocale !== undefined && { default_locale: changes.defaultLocale }),
      ...(changes.webauthn !== undefined && {
        webauthn_settings: JSON.stringify(changes.webauthn),
      }),
      ...(changes.session !== undefined && {
        session_settings: JSON.stringify(changes.session),
      }),
      ...(changes.flow !== undefined && { flow_settings: JSON.stringify(changes.flow) }),
      ...(changes.allowedRedirectUrls !== undefined && {
        allowed_redirect_urls: JSON.stringify(changes.allowedRedirectUrls),
      }),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? projectRecordOf(row) : undefined;
}
