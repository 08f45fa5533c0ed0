import {
  findProject,
  type ProjectChanges,
  type ProjectRecord,
  updateProjectRow,
} from '../../store/project.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { messageCatalogs } from '../messages/locales/index.js';
import { relyingPartyOf, type WebauthnSettings } from '../passkeys/relying-party.js';
import {
  validateWebauthnSettings,
  type WebauthnSettingsInput,
} from '../passkeys/webauthn-settings.js';
import { mergeFlowSettings, validateFlowSettings } from '../process/flow-settings.js';
import {
  mergeSessionSettings,
  type SessionSettings,
  validateSessionSettings,
} from '../sessions/session-settings.js';
import {
  validateAllowedOrigin,
  validateDefaultLocale,
  validateEmailFrom,
  validateEmailLinkUrl,
  validateOrigin,
  validateProjectName,
  validateRpId,
} from './project-settings.js';
import { validateRedirectUrlRules } from './redirect-urls.js';

export interface UpdateProjectInput {
  name?: string | undefined;
  origins?: string[] | undefined;
  rpId?: string | undefined;
  rpName?: string | undefined;
  /** An origin, or null to fall back to the server's public URL. */
  frontendApiUrl?: string | null | undefined;
  /** A sender, or null for the server default (LATCHKEY_MAIL_FROM). */
  emailFrom?: string | null | undefined;
  /** Where email links point, or null for the Frontend API URL. */
  emailLinkUrl?: string | null | undefined;
  defaultLocale?: string | undefined;
  /** Relying-party settings to change; merged into the stored ones, the rest stay as they are. */
  webauthn?: Partial<WebauthnSettings> | WebauthnSettingsInput | undefined;
  /** Session settings to change; merged into the stored ones (core/sessions/session-settings.ts). */
  session?: Partial<SessionSettings> | Record<string, unknown> | undefined;
  /** Flow settings to change; merged into the stored ones (core/process/flow-settings.ts). */
  flow?: Record<string, unknown> | undefined;
  /** The hosted pages' allowed redirect URLs (origin + path rules); replaces the list. */
  allowedRedirectUrls?: string[] | undefined;
}

/**
 * Changes a project's settings; the RP ID is checked against the resulting origins.
 * @throws PROJECT_NOT_FOUND, VALIDATION_FAILED
 */
export async function updateProject(
  deps: CoreDeps,
  projectId: string,
  input: UpdateProjectInput,
): Promise<ProjectRecord> {
  const current = await findProject(deps.db, projectId);
  if (!current) throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${projectId}`);
  const changes: ProjectChanges = {};
  if (input.name !== undefined) changes.name = validateProjectName(input.name);
  if (input.rpName !== undefined) changes.rpName = validateProjectName(input.rpName);
  if (input.origins !== undefined) {
    changes.allowedOrigins = input.origins.map((o, i) => validateAllowedOrigin(`origins[${i}]`, o));
  }
  const webauthnChanges =
    input.webauthn === undefined ? undefined : validateWebauthnSettings(input.webauthn, 'webauthn');
  if (webauthnChanges !== undefined) {
    changes.webauthn = { ...current.webauthn, ...webauthnChanges };
  }
  if (input.session !== undefined) {
    changes.session = mergeSessionSettings(current.session, validateSessionSettings(input.session));
  }
  if (input.flow !== undefined) {
    changes.flow = mergeFlowSettings(current.flow, validateFlowSettings(input.flow));
  }
  const origins = changes.allowedOrigins ?? current.allowedOrigins;
  if (
    input.rpId !== undefined ||
    input.origins !== undefined ||
    webauthnChanges?.relatedOrigins !== undefined
  ) {
    const { relatedOrigins } = relyingPartyOf({ ...current, ...changes });
    changes.rpId = validateRpId(input.rpId ?? current.rpId ?? 'localhost', origins, relatedOrigins);
  }
  if (input.frontendApiUrl !== undefined) {
    changes.frontendApiUrl =
      input.frontendApiUrl === null ? null : validateOrigin('frontendApiUrl', input.frontendApiUrl);
  }
  if (input.emailFrom !== undefined) {
    changes.emailFrom = input.emailFrom === null ? null : validateEmailFrom(input.emailFrom);
  }
  if (input.emailLinkUrl !== undefined) {
    changes.emailLinkUrl =
      input.emailLinkUrl === null ? null : validateEmailLinkUrl(input.emailLinkUrl);
  }
  if (input.allowedRedirectUrls !== undefined) {
    changes.allowedRedirectUrls = validateRedirectUrlRules(input.allowedRedirectUrls);
  }
  if (input.defaultLocale !== undefined) {
    changes.defaultLocale = validateDefaultLocale(
      input.defaultLocale,
      messageCatalogs.map((catalog) => catalog.locale),
    );
  }
  const updated = await updateProjectRow(deps.db, projectId, changes, deps.clock.now());
  if (!updated) throw new LatchkeyError('PROJECT_NOT_FOUND', `no project ${projectId}`);
  return updated;
}
