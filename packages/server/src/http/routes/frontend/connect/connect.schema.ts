import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ConnectDeps } from '../../../../core/connect/connect-deps.js';
import { toCeremonyClientInformation } from '../../../../core/me/frontend-client-information.js';
import type { RouteContext } from '../../../route-context.js';

/** The header that carries a Connect process token after init (spec_v2.yaml). */
export const processHeader = 'x-corbado-process-id';

/** The process token a request carries, if any. */
export function processTokenOf(request: FastifyRequest): string | undefined {
  const value = request.headers[processHeader];
  return typeof value === 'string' ? value : undefined;
}

/** The request's Frontend API `clientInformation` in the Backend API's form. */
export function clientInformationOf(request: FastifyRequest, value: unknown) {
  return toCeremonyClientInformation(value, {
    remoteAddress: request.ip,
    userAgent: request.headers['user-agent'],
  });
}

/** spec_v2.yaml `passkeyOperation`. */
export const PasskeyOperation = Type.Object({
  operationType: Type.Union([Type.Literal('append'), Type.Literal('verify')]),
  identifierValue: Type.String(),
  identifierType: Type.Union([
    Type.Literal('email'),
    Type.Literal('phone'),
    Type.Literal('username'),
  ]),
  ceremonyType: Type.Union([
    Type.Literal('local'),
    Type.Literal('cda'),
    Type.Literal('security-key'),
  ]),
});

/** `flags`: an object of strings (validated in core). */
export const Flags = Type.Record(Type.String(), Type.String());

/** The Connect use cases' ports: the passkey engine's plus the shared rate limiter. */
export function connectDepsOf(context: RouteContext): ConnectDeps {
  return { ...context.passkeys, rateLimiter: context.rateLimiter };
}
