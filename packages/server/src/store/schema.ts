import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database schema as Kysely sees it: one interface per table, snake_case as stored.
 * Timestamps are integer milliseconds since the epoch on both dialects; JSON is text.
 */
export interface Database {
  projects: ProjectTable;
  api_secrets: ApiSecretTable;
  users: UserTable;
  rate_limit_counters: RateLimitCounterTable;
  instance_settings: InstanceSettingTable;
}

export interface ProjectTable {
  id: string;
  name: string;
  rp_id: string | null;
  rp_name: string | null;
  /** JSON array of allowed origins. */
  allowed_origins: string;
  frontend_api_url: string | null;
  created_at: number;
  updated_at: number;
}
export type ProjectRow = Selectable<ProjectTable>;
export type NewProjectRow = Insertable<ProjectTable>;
export type ProjectRowUpdate = Updateable<ProjectTable>;

export interface ApiSecretTable {
  id: string;
  project_id: string;
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  secret_hash: string;
  /** Last four characters, so a listing can tell secrets apart. */
  hint: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
export type ApiSecretRow = Selectable<ApiSecretTable>;

export interface UserTable {
  id: string;
  project_id: string;
  full_name: string | null;
  status: string;
  explicit_webauthn_id: string | null;
  created_at: number;
  updated_at: number;
}
export type UserRow = Selectable<UserTable>;

export interface RateLimitCounterTable {
  key: string;
  count: number;
  window_started_at: number;
  expires_at: number;
}

export interface InstanceSettingTable {
  key: string;
  value: string;
  created_at: number;
}
