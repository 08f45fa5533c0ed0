import { readFile } from 'node:fs/promises';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withFieldRenamed } from '../../core/errors.js';
import { checkRedirectUri, maxRedirectUrlLength } from '../../core/projects/redirect-urls.js';
import { resolveFrontendProject } from '../../core/projects/resolve-frontend-project.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { toLatchkeyError, wireErrors } from '../error-handler.js';
import type { RouteContext, TypedApp } from '../route-context.js';
import {
  type HostedPageKind,
  languageOf,
  renderErrorPage,
  renderHostedPage,
} from './hosted-page-html.js';
import { setPageHeaders } from './security-headers.js';
import { createLazyAsset, type StaticAsset, sendAsset } from './static-asset.js';

/** Builds the browser bundle of `@latchkey/web` (the components and the SDK). */
export type WebBundleLoader = () => Promise<string | Uint8Array>;

/** Stable paths of the files the pages load. */
export const hostedAssetPaths = {
  bundle: '/hosted/latchkey-web.js',
  script: '/hosted/hosted-page.js',
  style: '/hosted/hosted.css',
} as const;

/** The page script and style sheet: plain files beside the sources (and the build). */
const assetFile = (name: string) => new URL(`../../../assets/hosted/${name}`, import.meta.url);

const PageQuery = Type.Object({
  projectID: Type.Optional(Type.String({ maxLength: 64 })),
  redirect_uri: Type.Optional(Type.String({ maxLength: maxRedirectUrlLength })),
  state: Type.Optional(Type.String({ maxLength: 512 })),
  lang: Type.Optional(Type.String({ maxLength: 35 })),
});

/**
 * The hosted pages (docs/hosted-pages.md): `/login`, `/signup` and `/account` for a project
 * named by `?projectID=` or a `pro-…` host (as the Frontend API finds it), each a shell that
 * loads `@latchkey/web` and places its components, and the three files they load. Errors
 * here are HTML pages, not the API's JSON envelope: a person reads them.
 */
export async function registerHostedPages(
  app: FastifyInstance,
  context: RouteContext,
  loadWebBundle: WebBundleLoader,
) {
  const assets: Record<keyof typeof hostedAssetPaths, () => Promise<StaticAsset>> = {
    bundle: createLazyAsset(loadWebBundle),
    script: createLazyAsset(() => readFile(assetFile('hosted-page.js'))),
    style: createLazyAsset(() => readFile(assetFile('hosted.css'))),
  };
  const assetUrl = async (name: keyof typeof hostedAssetPaths) =>
    `${hostedAssetPaths[name]}?v=${(await assets[name]()).version}`;

  await app.register(async (scope) => {
    const typed = scope as unknown as TypedApp;
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      const mapped = toLatchkeyError(error);
      if (mapped.code === 'INTERNAL') request.log.error({ err: error }, 'hosted page failed');
      const status = wireErrors[mapped.code].status;
      const styleUrl = await assetUrl('style').catch(() => undefined);
      return setPageHeaders(reply.code(status)).send(
        renderErrorPage({
          status,
          code: mapped.code,
          message:
            mapped.code === 'INTERNAL' ? 'Something went wrong on our side.' : mapped.message,
          field: mapped.validation[0]?.field,
          requestId: request.id,
          styleUrl,
        }),
      );
    });

    const contentTypes = {
      bundle: 'text/javascript; charset=utf-8',
      script: 'text/javascript; charset=utf-8',
      style: 'text/css; charset=utf-8',
    } as const;
    for (const name of Object.keys(hostedAssetPaths) as (keyof typeof hostedAssetPaths)[]) {
      typed.get(hostedAssetPaths[name], { schema: { hide: true } }, async (request, reply) =>
        sendAsset(request, reply, await assets[name](), contentTypes[name]),
      );
    }

    for (const kind of ['login', 'signup', 'account'] as const satisfies HostedPageKind[]) {
      typed.get(
        `/${kind}`,
        { schema: { hide: true, querystring: PageQuery } },
        async (request, reply) => {
          const query = request.query;
          const project = await projectOfPage(context, request, query.projectID);
          const redirectUri = redirectOf(project, kind, query.redirect_uri);
          const html = renderHostedPage({
            kind,
            language: languageOf(query.lang, request.headers['accept-language']),
            projectId: project.id,
            projectName: project.name,
            frontendApi: `${request.protocol}://${request.host}`,
            redirectUri,
            state: redirectUri === undefined ? undefined : query.state,
            carriedQuery: carriedQueryOf(query),
            assets: {
              bundle: await assetUrl('bundle'),
              script: await assetUrl('script'),
              style: await assetUrl('style'),
            },
          });
          return setPageHeaders(reply).send(html);
        },
      );
    }
  });
}

/** The page's project: `?projectID=`, else a `pro-…` host, else the server's only one. */
async function projectOfPage(
  context: RouteContext,
  request: FastifyRequest,
  projectId: string | undefined,
): Promise<ProjectRecord> {
  try {
    return await resolveFrontendProject(context.deps, {
      projectIdHeader: projectId,
      host: request.hostname,
    });
  } catch (error) {
    throw withFieldRenamed(toLatchkeyError(error as Error), 'X-Corbado-ProjectID', 'projectID');
  }
}

/**
 * Where the page sends the user once signed in. A given `redirect_uri` must match one of
 * the project's rules, or the page is not shown at all (no login that ends in an open
 * redirect). Without one: the project's only rule, if it has exactly one; else nowhere
 * (the page goes on to /account). The account page sends nobody anywhere.
 * @throws VALIDATION_FAILED, REDIRECT_URI_NOT_ALLOWED
 */
function redirectOf(
  project: ProjectRecord,
  kind: HostedPageKind,
  given: string | undefined,
): string | undefined {
  if (kind === 'account') return undefined;
  if (given !== undefined) return checkRedirectUri(project.allowedRedirectUrls, given);
  return project.allowedRedirectUrls.length === 1 ? project.allowedRedirectUrls[0] : undefined;
}

/** The query the links between the hosted pages keep: project, redirect and state. */
function carriedQueryOf(query: {
  projectID?: string;
  redirect_uri?: string;
  state?: string;
  lang?: string;
}) {
  const params = new URLSearchParams();
  for (const name of ['projectID', 'redirect_uri', 'state', 'lang'] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
