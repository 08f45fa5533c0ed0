import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ProcessDeps, StepRequest } from '../../../../core/process/process-step.js';
import type { ProcessView } from '../../../../core/process/run-process-step.js';
import { frontendApiUrlOf } from '../../../../core/sessions/frontend-api-url.js';
import { setSessionCookies } from '../../../frontend-session.js';
import type { RouteContext } from '../../../route-context.js';
import { StringEnum } from '../../../schemas/common.schema.js';

/** The header every step after init carries the process token in (spec_v2.yaml). */
export const processTokenHeader = 'x-corbado-process-id';

/** spec_v2.yaml `blockBody`; `data` differs per block (core/process/states). */
const BlockBody = Type.Object(
  {
    block: Type.String(),
    authType: Type.String(),
    data: Type.Object({}, { additionalProperties: true }),
    alternatives: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
    error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    continueOnOtherDevice: Type.Optional(Type.Object({ reason: Type.String() })),
  },
  { additionalProperties: false },
);

/** spec_v2.yaml `processResponse`. */
export const ProcessResponse = Type.Object({
  blockBody: BlockBody,
  common: Type.Object({
    appName: Type.String(),
    frontendApiUrl: Type.String(),
    hideBadge: Type.Boolean(),
  }),
});

/** The process ports from what every route module gets. */
export function processDepsOf(context: RouteContext): ProcessDeps {
  return {
    ...context.passkeys,
    messaging: context.messaging,
    rateLimiter: context.rateLimiter,
    publicUrl: context.publicUrl,
  };
}

/** Where a step's request came from. */
export function stepRequestOf(request: FastifyRequest): StepRequest {
  return { remoteAddress: request.ip, userAgent: request.headers['user-agent'] };
}

/** The process token of a request (`x-corbado-process-id`), if any. */
export function processTokenOf(request: FastifyRequest): string | undefined {
  const value = request.headers[processTokenHeader];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The wire `processResponse` of a step; a step that issued a session also sets the session
 * cookies (the refresh cookie on /v2/me, as /v2/me/refresh does).
 */
export function toProcessResponse(
  context: RouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  view: ProcessView,
) {
  const project = request.frontendProject;
  if (view.issued) {
    setSessionCookies(reply, project, context.publicUrl, view.issued, context.deps.clock.now());
  }
  return {
    blockBody: view.blockBody,
    common: {
      appName: project.name,
      frontendApiUrl: frontendApiUrlOf(project, context.publicUrl),
      hideBadge: true,
    },
  };
}

/** The credential or assertion of a passkey step, as JSON text (`signedChallenge`). */
export const SignedChallenge = Type.Object({ signedChallenge: Type.String({ maxLength: 131072 }) });

/** spec_v2.yaml `loginIdentifierType`. */
export const LoginIdentifierType = StringEnum(['email', 'phone', 'username'] as const);

/** spec_v2.yaml `verificationMethod`. */
export const VerificationMethod = StringEnum(['email-link', 'email-otp', 'phone-otp'] as const);
