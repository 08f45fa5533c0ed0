import { insertProject, type ProjectRecord } from '../../store/project.store.js';
import type { CoreDeps } from '../deps.js';
import { newId } from '../ids.js';
import { validateOrigin, validateProjectName, validateRpId } from './project-settings.js';

export interface CreateProjectInput {
  name: string;
  /** Origins passkeys may be used from; the first one also decides the default RP ID. */
  origins: string[];
  rpId?: string | undefined;
  rpName?: string | undefined;
  frontendApiUrl?: string | undefined;
}

/**
 * Creates a project with validated relying-party settings.
 * @throws VALIDATION_FAILED naming the bad setting.
 */
export async function createProject(
  deps: CoreDeps,
  input: CreateProjectInput,
): Promise<ProjectRecord> {
  const name = validateProjectName(input.name);
  const origins = input.origins.map((origin, i) => validateOrigin(`origins[${i}]`, origin));
  const firstOrigin = origins[0];
  const rpId = validateRpId(
    input.rpId ?? (firstOrigin ? new URL(firstOrigin).hostname : 'localhost'),
    origins,
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
    createdAt: now,
    updatedAt: now,
  };
  await insertProject(deps.db, project);
  return project;
}
