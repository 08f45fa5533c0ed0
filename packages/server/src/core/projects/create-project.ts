import { insertProject, type ProjectRecord } from '../../store/project.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField } from '../errors.js';
import { newId } from '../ids.js';
import type { WebauthnSettings } from '../passkeys/relying-party.js';
import {
  validateWebauthnSettings,
  type WebauthnSettingsInput,
} from '../passkeys/webauthn-settings.js';
import {
  mergeSessionSettings,
  type SessionSettings,
  validateSessionSettings,
} from '../sessions/session-settings.js';
import {
  isWebOrigin,
  validateAllowedOrigin,
  validateOrigin,
  validateProjectName,
  validateRpId,
} from './project-settings.js';
import { validateRedirectUrlRules } from './redirect-urls.js';

export interface CreateProjectInput {
  name: string;
  /**
   * Origins passkeys may be used from: web origins and `android:apk-key-hash:` app origins.
   * The first web origin's host is the default RP ID.
   */
  origins: string[];
  rpId?: string | undefined;
  rpName?: string | undefined;
  frontendApiUrl?: string | undefined;
  /** Relying-party policy; members left out take the defaults (core/passkeys/relying-party.ts). */
  webauthn?: Partial<WebauthnSettings> | WebauthnSettingsInput | undefined;
  /** Session policy; members left out take the defaults (core/sessions/session-settings.ts). */
  session?: Partial<SessionSettings> | Record<string, unknown> | undefined;
  /** The hosted pages' allowed redirect URLs (origin + path rules, core/projects/redirect-urls.ts). */
  allowedRedirectUrls?: string[] | undefined;
}

/**
 * Creates a project with validated relying-party settings (RP ID, origins, WebAuthn policy).
 * @throws VALIDATION_FAILED naming the bad setting.
 */
export async function createProject(
  deps: CoreDeps,
  input: CreateProjectInput,
): Promise<ProjectRecord> {
  const name = validateProjectName(input.name);
  const origins = input.origins.map((origin, i) => validateAllowedOrigin(`origins[${i}]`, origin));
  const webauthn = validateWebauthnSettings(input.webauthn ?? {}, 'webauthn');
  const session = mergeSessionSettings({}, validateSessionSettings(input.session ?? {}));
  const firstWebOrigin = origins.find(isWebOrigin);
  if (input.rpId === undefined && !firstWebOrigin && origins.length > 0) {
    // An app-only project has no host to take the RP ID from; 'localhost' would be useless.
    throw invalidField(
      'rpId',
      'is required when every origin is an app origin; use e.g. example.com',
    );
  }
  const rpId = validateRpId(
    input.rpId ?? (firstWebOrigin ? new URL(firstWebOrigin).hostname : 'localhost'),
    origins,
    webauthn.relatedOrigins,
  );
  const now = deps.clock.now();
  const project: ProjectRecord = {
    id: newId('project', deps.random),
    name,
    rpId,
    rpName: input.rpName === undefined ? name : validateProjectName(input.rpName),
    allowedOrigins: origins,
    frontendApiUrl:
      input.frontendApiUrl === undefined
        ? null
        : validateOrigin('frontendApiUrl', input.frontendApiUrl),
    emailFrom: null,
    emailLinkUrl: null,
    defaultLocale: 'en',
    webauthn: { ...webauthn },
    session,
    flow: {},
    allowedRedirectUrls: validateRedirectUrlRules(input.allowedRedirectUrls ?? []),
    createdAt: now,
    updatedAt: now,
  };
  await insertProject(deps.db, project);
  return project;
}
