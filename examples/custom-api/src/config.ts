import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';

/** Everything the example reads from its environment, validated once at start-up. */
export interface ExampleConfig {
  /** `CORBADO_PROJECT_ID`: the Latchkey project (`pro-…`). */
  projectId: string;
  /** `CORBADO_API_SECRET`: the project's API secret, for HTTP Basic on the Backend API. */
  apiSecret: string;
  /** `CORBADO_BACKEND_API`: Latchkey's Backend API origin, e.g. `http://localhost:8080`. */
  backendApiUrl: string;
  /**
   * `CORBADO_FRONTEND_API`: Latchkey's Frontend API origin. This example never calls it (the
   * browser talks only to the example); it is read so that a Corbado sample's `.env` works
   * unchanged, and defaults to the Backend API URL.
   */
  frontendApiUrl: string;
  /** `PORT`, default 3000. */
  port: number;
  /** `SESSION_SECRET`: the HMAC key of the example's access tokens (at least 32 bytes). */
  sessionKey: Uint8Array;
  /** True when no `SESSION_SECRET` was set and a random key was made for this process. */
  sessionKeyGenerated: boolean;
  /** `ACCESS_TOKEN_TTL_SECONDS`, default 600 (10 minutes). */
  accessTokenTtlSeconds: number;
  /** `REFRESH_TOKEN_TTL_SECONDS`, default 1 209 600 (14 days). */
  refreshTokenTtlSeconds: number;
}

/** A setting that is missing or malformed; the message names it and says what to do. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads `.env` (when the file exists) under the real environment: a variable set in the
 * environment wins over the file, as dotenv and Corbado's samples do.
 */
export function readEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  envFile = '.env',
): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  return { ...fromFile, ...env };
}

const required = (env: Record<string, string | undefined>, name: string, hint: string) => {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, `is not set; ${hint}`);
  return value;
};

const httpUrl = (name: string, value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL: ${value}`);
  }
  // Paths are appended to it, so no trailing slash.
  return value.replace(/\/+$/, '');
};

const positiveInteger = (
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  max: number,
) => {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ConfigError(name, `must be a whole number from 1 to ${max}, not ${text}`);
  }
  return value;
};

/**
 * Builds the configuration from environment variables (see readEnvironment).
 * @throws ConfigError naming the setting.
 */
export function loadConfig(env: Record<string, string | undefined>): ExampleConfig {
  const hint = 'see examples/custom-api/README.md (npm run setup writes a .env)';
  const projectId = required(env, 'CORBADO_PROJECT_ID', hint);
  if (!/^pro-\d+$/.test(projectId)) {
    throw new ConfigError('CORBADO_PROJECT_ID', `must look like pro-<digits>, not ${projectId}`);
  }
  const apiSecret = required(env, 'CORBADO_API_SECRET', hint);
  const backendApiUrl = httpUrl(
    'CORBADO_BACKEND_API',
    env.CORBADO_BACKEND_API?.trim() || 'http://localhost:8080',
  );
  const frontendApiUrl = httpUrl(
    'CORBADO_FRONTEND_API',
    env.CORBADO_FRONTEND_API?.trim() || backendApiUrl,
  );
  const secret = env.SESSION_SECRET?.trim();
  if (secret !== undefined && secret !== '' && Buffer.byteLength(secret) < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 bytes (openssl rand -hex 32)');
  }
  return {
    projectId,
    apiSecret,
    backendApiUrl,
    frontendApiUrl,
    port: positiveInteger(env, 'PORT', 3000, 65535),
    sessionKey: secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32)),
    sessionKeyGenerated: !secret,
    accessTokenTtlSeconds: positiveInteger(env, 'ACCESS_TOKEN_TTL_SECONDS', 600, 3600),
    refreshTokenTtlSeconds: positiveInteger(
      env,
      'REFRESH_TOKEN_TTL_SECONDS',
      14 * 24 * 3600,
      90 * 24 * 3600,
    ),
  };
}
