import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  identifiers: IdentifierTable;
  social_accounts: SocialAccountTable;
  challenges: ChallengeTable;
  connect_tokens: ConnectTokenTable;
  auth_events: AuthEventTable;
  passkey_events: PasskeyEventTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  outbound_messages: OutboundMessageTable;
  signing_keys: SigningKeyTable;
  aaguid_overrides: AaguidOverrideTable;
  credentials: CredentialTable;
  passkey_challenges: PasskeyChallengeTable;
  client_envs: ClientEnvTable;
  password_managers: PasswordManagerTable;
  sessions: SessionTable;
  session_retired_tokens: SessionRetiredTokenTable;
  auth_processes: AuthProcessTable;
  connect_processes: ConnectProcessTable;
  connect_users: ConnectUserTable;
  user_store_profiles: UserStoreProfileTable;
  client_certificates: ClientCertificateTable;
  hosted_codes: HostedCodeTable;
}

export interface ProjectTable {
  id: string;
  name: string;
  rp_id: string | null;
  rp_name: string | null;
  /** JSON array of allowed origins. */
  allowed_origins: string;
  frontend_api_url: string | null;
  /** Sender address for this project's mail; the server default when null. */
  email_from: string | null;
  /** Where email links point (the link gets `?challengeID=…&code=…`); the Frontend API URL when null. */
  email_link_url: string | null;
  /** Language of messages when the request does not say: en, de, … */
  default_locale: Generated<string>;
  /** JSON object: relying-party policy (see core/passkeys/relying-party.ts for defaults). */
  webauthn_settings: Generated<string>;
  /** JSON object: session policy (see core/sessions/session-settings.ts for defaults). */
  session_settings: Generated<string>;
  flow_settings: Generated<string>;
  /** JSON array of the hosted pages' allowed redirect URLs (origin + path rules). */
  allowed_redirect_urls: Generated<string>;
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
  /** full_name folded to lower case in JavaScript (Unicode-aware), for search and sort. */
  full_name_key: string | null;
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

export interface IdentifierTable {
  id: string;
  project_id: string;
  user_id: string;
  type: string;
  value: string;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface SocialAccountTable {
  id: string;
  project_id: string;
  user_id: string;
  provider_type: string;
  identifier_value: string;
  foreign_id: string;
  avatar_url: string;
  full_name: string;
  created_at: number;
}

export interface ChallengeTable {
  id: string;
  project_id: string;
  user_id: string;
  type: string;
  identifier_value: string;
  code_hash: string;
  status: string;
  attempts: Generated<number>;
  /** JSON object. */
  metadata: Generated<string>;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface ConnectTokenTable {
  id: string;
  project_id: string;
  type: string;
  /** JSON object. */
  data: string;
  status: string;
  secret_hash: string;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface AuthEventTable {
  id: string;
  project_id: string;
  user_id: string;
  username: string;
  event_type: string;
  method: string;
  status: string;
  /** JSON object. */
  client_information: string;
  created_at: number;
}

export interface PasskeyEventTable {
  id: string;
  project_id: string;
  user_id: string;
  event_type: string;
  process_id: string | null;
  client_env_id: string | null;
  credential_id: string | null;
  challenge: string | null;
  /** Unix seconds, as the API carries it. */
  expires: number | null;
  /** The same moment in milliseconds, for the janitor. */
  expires_at: number | null;
  created_at: number;
}

export interface WebhookEndpointTable {
  id: string;
  project_id: string;
  url: string;
  basic_auth_username: Generated<string>;
  basic_auth_password: Generated<string>;
  /** JSON object. */
  custom_headers: Generated<string>;
  /** JSON array. */
  subscribed_events: string;
  signing_secret: string;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveryTable {
  id: string;
  project_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  expires_at: number | null;
}

export interface OutboundMessageTable {
  id: string;
  project_id: string;
  channel: string;
  recipient: string;
  subject: Generated<string>;
  text_body: string;
  html_body: string | null;
  created_at: number;
  expires_at: number;
}

export interface SigningKeyTable {
  id: string;
  project_id: string;
  /** 'passkey-data' | 'session'. */
  purpose: string;
  /** 'RS256' | 'ES256' | 'EdDSA'. */
  algorithm: string;
  /** JSON text: the public JWK (no kid/alg/use). */
  public_jwk: string;
  /** `v1:<iv>:<tag>:<ciphertext>` (base64url), AES-256-GCM under the master key, AAD = id. */
  encrypted_private_key: string;
  /** 'active' | 'retiring' | 'retired'. */
  status: string;
  created_at: number;
  activated_at: number;
  /** When a retiring key leaves the JWKS (ms); null while active. */
  retire_after: number | null;
}

/** An imported AAGUID entry (`latchkey aaguids import`); takes precedence over the built-in dataset. */
export interface AaguidOverrideTable {
  /** Lower-case 8-4-4-4-12 hex. */
  aaguid: string;
  name: string;
  /** `data:image/…;base64,…` or an https URL; '' when none. */
  icon_light: string;
  icon_dark: string;
  imported_at: number;
}

/** A passkey. Booleans are 0/1. */
export interface CredentialTable {
  id: string;
  project_id: string;
  user_id: string;
  /** base64url of the raw credential ID (at most 1023 bytes). */
  credential_id: string;
  /** The name the passkey was created for (append start's `username`). */
  username: string;
  /** base64url COSE_Key. */
  public_key: string;
  /** COSE algorithm identifier (-7 ES256, -8 EdDSA, -257 RS256, …). */
  algorithm: number;
  sign_count: number;
  /** JSON array of transports. */
  transports: string;
  aaguid: string;
  backup_eligible: number;
  backup_state: number;
  attestation_type: string;
  source_os: string;
  source_browser: string;
  /** 'pending' | 'active'. */
  status: string;
  client_env_id: string | null;
  suspected_clone_at: number | null;
  created_at: number;
  last_used_at: number;
}

export interface PasskeyChallengeTable {
  id: string;
  project_id: string;
  user_id: string | null;
  /** 'register' | 'authenticate'. */
  type: string;
  /** 'append' | 'login' | 'mediation'. */
  ceremony: string;
  /** base64url of 32 random bytes. */
  value: string;
  /** 'pending' | 'completed' | 'consumed'. */
  status: string;
  process_id: string;
  /** Append only: the name the passkey is created for. */
  username: string | null;
  /** The client environment the start came from, when known then. */
  client_env_id: string | null;
  credential_id: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface ClientEnvTable {
  id: string;
  project_id: string;
  user_id: string;
  handle: string;
  browser_name: string;
  browser_version: string;
  os_name: string;
  os_version: string;
  user_agent: string;
  js_fingerprint: string;
  device_id: string | null;
  created_at: number;
  last_seen_at: number;
}

export interface PasswordManagerTable {
  id: string;
  project_id: string;
  user_id: string;
  client_env_id: string;
  credential_id: string;
  aaguid: string;
  status: string;
  score: number;
  created_at: number;
}

export interface SessionTable {
  id: string;
  project_id: string;
  user_id: string;
  /** The identifier used to log in (the session token's `orig`). */
  identifier_value: string;
  /** active | logged_out | revoked (expiry is read from the times). */
  status: string;
  /** SHA-256 of the current refresh token, hex. The token itself is never stored. */
  refresh_token_hash: string;
  created_at: number;
  updated_at: number;
  last_action_at: number;
  /** When the session ends without further use: idle limit, capped at the absolute end. */
  expires_at: number;
  absolute_expires_at: number;
}

export interface SessionRetiredTokenTable {
  /** SHA-256 of a refresh token that a refresh replaced. */
  token_hash: string;
  session_id: string;
  project_id: string;
  retired_at: number;
  expires_at: number;
}

/** A Frontend API process (sign-up or login in progress). */
export interface AuthProcessTable {
  id: string;
  project_id: string;
  /** SHA-256 of the process token, hex. The token itself is never stored. */
  token_hash: string;
  /** The block the client is on (core/process/process-table.ts). */
  state: string;
  /** active | completed. */
  status: string;
  /** The typed, versioned flow context as JSON (core/process/process-context.ts). */
  context: string;
  /** Optimistic lock: every step's write requires the version it read. */
  version: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
}
export interface ConnectProcessTable {
  id: string;
  project_id: string;
  token_hash: string;
  kind: string;
  /** JSON object. */
  client_information: string;
  user_id: string | null;
  identifier: string | null;
  created_at: number;
  expires_at: number;
}

export interface ConnectUserTable {
  project_id: string;
  identifier_key: string;
  user_id: string;
  created_at: number;
}

export interface UserStoreProfileTable {
  user_id: string;
  project_id: string;
  /** argon2id PHC string; null when the user has no password. */
  password_hash: string | null;
  /** The User store API's custom JSON, as text; null when never set. */
  data: string | null;
  created_at: number;
  updated_at: number;
}

export interface ClientCertificateTable {
  /** SHA-256 of the DER certificate, lower-case hex. */
  fingerprint: string;
  project_id: string;
  subject_cn: string;
  /** `issued` (by Latchkey's dev CA) or `registered` (an operator's own CA). */
  source: string;
  not_after: number;
  created_at: number;
  revoked_at: number | null;
}

/** One-time codes of the hosted pages' session handoff; only the code's SHA-256 is stored. */
export interface HostedCodeTable {
  code_hash: string;
  project_id: string;
  user_id: string;
  session_id: string;
  identifier_value: string;
  redirect_uri: string;
  created_at: number;
  expires_at: number;
}
export type HostedCodeRow = Selectable<HostedCodeTable>;
