import {
  findOnlyProject,
  listProjectsByRpId,
  type ProjectRecord,
} from '../../store/project.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { isWebOrigin } from '../projects/project-settings.js';
import { relyingPartyOf } from './relying-party.js';

/** The body of `/.well-known/webauthn` (WebAuthn L3 §5.11.1, related origin requests). */
export interface RelatedOriginsDocument {
  origins: string[];
}

/**
 * The web origins that may use the RP ID a browser asks about. A browser fetches
 * `https://<rpId>/.well-known/webauthn` when a page on an origin outside the RP ID asks for a
 * credential of that RP ID, so the host it asks on names the RP ID: the document lists every
 * web origin of the projects with that RP ID (their allowed origins, which sit on the RP ID,
 * and their related origins), deduplicated, in project order. A server that holds a single
 * project answers for it whatever the host (a proxy may not pass the host through). App
 * origins (`android:apk-key-hash:`) are not web origins and are left out: Android binds apps
 * to an RP ID through Digital Asset Links instead.
 * @throws PROJECT_NOT_FOUND when no project has that RP ID and the server holds several.
 */
export async function relatedOriginsForHost(
  deps: Pick<CoreDeps, 'db'>,
  hostname: string,
): Promise<RelatedOriginsDocument> {
  const rpId = hostname.trim().toLowerCase().replace(/\.$/, '');
  let projects: ProjectRecord[] = await listProjectsByRpId(deps.db, rpId);
  if (projects.length === 0) {
    const only = await findOnlyProject(deps.db);
    if (only) projects = [only];
  }
  if (projects.length === 0) {
    throw new LatchkeyError('PROJECT_NOT_FOUND', `no project has the RP ID ${rpId.slice(0, 253)}`);
  }
  const origins = projects.flatMap((project) => {
    const rp = relyingPartyOf(project);
    return [...rp.origins.filter(isWebOrigin), ...rp.relatedOrigins];
  });
  return { origins: [...new Set(origins)] };
}
