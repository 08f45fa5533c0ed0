import type { Kysely } from 'kysely';
import { upsertClientEnv } from '../../../store/client-env.store.js';
import type { Database } from '../../../store/schema.js';
import type { CoreDeps } from '../../deps.js';
import type { ClientInformation } from '../../events/client-information.js';
import { newId } from '../../ids.js';
import { parseUserAgent } from '../parse-user-agent.js';
import { clientEnvHandleOf } from './client-env-handle.js';

/**
 * Records the client environment a finished ceremony came from (first sight inserts, later
 * ones refresh it) and returns its `cle-…` ID. Browser and OS come from our own parse of the
 * user agent where it tells, else from what the client reported.
 */
export async function recordClientEnv(
  db: Kysely<Database>,
  deps: CoreDeps,
  input: { projectId: string; userId: string; client: ClientInformation },
): Promise<string> {
  const parsed = parseUserAgent(input.client.userAgent);
  const reported = input.client.parsedDeviceInfo;
  const now = deps.clock.now();
  return upsertClientEnv(db, {
    id: newId('clientEnv', deps.random),
    projectId: input.projectId,
    userId: input.userId,
    handle: clientEnvHandleOf(input.client),
    browserName: parsed.browserName || reported.browserName,
    browserVersion: parsed.browserVersion || reported.browserVersion,
    osName: parsed.osName || reported.osName,
    osVersion: parsed.osVersion || reported.osVersion,
    userAgent: input.client.userAgent,
    jsFingerprint: input.client.javascriptFingerprint ?? '',
    deviceId: input.client.nativeMeta?.build ? input.client.nativeMeta.build : null,
    createdAt: now,
    lastSeenAt: now,
  });
}
