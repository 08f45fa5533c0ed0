import type { Migration } from 'kysely';
import * as createProjects from './20261122T0001_create_projects.js';
import * as createApiSecrets from './20261122T0002_create_api_secrets.js';
import * as createUsers from './20261122T0003_create_users.js';
import * as createRateLimitCounters from './20261122T0004_create_rate_limit_counters.js';
import * as createInstanceSettings from './20261122T0005_create_instance_settings.js';

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
};
