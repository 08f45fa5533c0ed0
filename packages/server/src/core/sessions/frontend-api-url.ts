import type { ProjectRecord } from '../../store/project.store.js';

/**
 * The project's Frontend API URL: as configured (or set through the cname), else the
 * server's public URL. Session tokens name it as their issuer, and Corbado's SDKs compare
 * the `iss` claim with the Frontend API URL they are configured with.
 */
export function frontendApiUrlOf(
  project: Pick<ProjectRecord, 'frontendApiUrl'>,
  publicUrl: () => string,
): string {
  return project.frontendApiUrl ?? publicUrl();
}
