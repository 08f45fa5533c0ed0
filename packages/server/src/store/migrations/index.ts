import type { Migration } from 'kysely';
import * as createProjects from './20261122T0001_create_projects.js';
import * as createApiSecrets from './20261122T0002_create_api_secrets.js';
import * as createUsers from './20261122T0003_create_users.js';
import * as createRateLimitCounters from './20261122T0004_create_rate_limit_counters.js';
import * as createInstanceSettings from './20261122T0005_create_instance_settings.js';
import * as addUsersFullNameKey from './20261122T0006_add_users_full_name_key.js';
import * as createIdentifiers from './20261122T0007_create_identifiers.js';
import * as createSocialAccounts from './20261122T0008_create_social_accounts.js';
import * as createChallenges from './20261122T0009_create_challenges.js';
import * as createConnectTokens from './20261122T0010_create_connect_tokens.js';
import * as createEvents from './20261122T0011_create_events.js';
import * as createWebhooks from './20261122T0012_create_webhooks.js';
import * as createOutboundMessages from './20261122T0013_create_outbound_messages.js';
import * as addProjectMessagingSettings from './20261122T0014_add_project_messaging_settings.js';
import * as createSigningKeys from './20261122T0015_create_signing_keys.js';
import * as createAaguidOverrides from './20261122T0016_create_aaguid_overrides.js';
import * as addProjectWebauthnSettings from './20261122T0017_add_project_webauthn_settings.js';
import * as createCredentials from './20261122T0018_create_credentials.js';
import * as createPasskeyChallenges from './20261122T0019_create_passkey_challenges.js';
import * as createClientEnvs from './20261122T0020_create_client_envs.js';
import * as addProjectsRpIdIndex from './20261122T0021_add_projects_rp_id_index.js';
import * as createSessions from './20261122T0022_create_sessions.js';
import * as addProjectSessionSettings from './20261122T0023_add_project_session_settings.js';
import * as createAuthProcesses from './20261201T0101_create_auth_processes.js';
import * as addProjectFlowSettings from './20261201T0102_add_project_flow_settings.js';
import * as createConnectTables from './20261201T0201_create_connect_tables.js';
import * as createUserStoreProfiles from './20261201T0301_create_user_store_profiles.js';
import * as createClientCertificates from './20261201T0302_create_client_certificates.js';
import * as addProjectRedirectUrls from './20261201T0501_add_project_redirect_urls.js';
import * as createHostedCodes from './20261201T0502_create_hosted_codes.js';

/**
 * Every migration, by name. Names sort in the order they apply. Listed statically (rather
 * than read from the folder) so the set is the same under tsx, a build, or a bundle.
 */
export const migrations: Record<string, Migration> = {
  '20261122T0001_create_projects': createProjects,
  '20261122T0002_create_api_secrets': createApiSecrets,
  '20261122T0003_create_users': createUsers,
  '20261122T0004_create_rate_limit_counters': createRateLimitCounters,
  '20261122T0005_create_instance_settings': createInstanceSettings,
  '20261122T0006_add_users_full_name_key': addUsersFullNameKey,
  '20261122T0007_create_identifiers': createIdentifiers,
  '20261122T0008_create_social_accounts': createSocialAccounts,
  '20261122T0009_create_challenges': createChallenges,
  '20261122T0010_create_connect_tokens': createConnectTokens,
  '20261122T0011_create_events': createEvents,
  '20261122T0012_create_webhooks': createWebhooks,
  '20261122T0013_create_outbound_messages': createOutboundMessages,
  '20261122T0014_add_project_messaging_settings': addProjectMessagingSettings,
  '20261122T0015_create_signing_keys': createSigningKeys,
  '20261122T0016_create_aaguid_overrides': createAaguidOverrides,
  '20261122T0017_add_project_webauthn_settings': addProjectWebauthnSettings,
  '20261122T0018_create_credentials': createCredentials,
  '20261122T0019_create_passkey_challenges': createPasskeyChallenges,
  '20261122T0020_create_client_envs': createClientEnvs,
  '20261122T0021_add_projects_rp_id_index': addProjectsRpIdIndex,
  '20261122T0022_create_sessions': createSessions,
  '20261122T0023_add_project_session_settings': addProjectSessionSettings,
  '20261201T0101_create_auth_processes': createAuthProcesses,
  '20261201T0102_add_project_flow_settings': addProjectFlowSettings,
  '20261201T0201_create_connect_tables': createConnectTables,
  '20261201T0301_create_user_store_profiles': createUserStoreProfiles,
  '20261201T0302_create_client_certificates': createClientCertificates,
  '20261201T0501_add_project_redirect_urls': addProjectRedirectUrls,
  '20261201T0502_create_hosted_codes': createHostedCodes,
};
