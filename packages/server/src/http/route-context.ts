import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { CoreDeps } from '../core/deps.js';
import type { Messaging } from '../core/messages/transports.js';
import type { PasskeyDeps } from '../core/passkeys/passkey-deps.js';
import type { RateLimiter } from '../core/rate-limit/rate-limiter.js';

/** A Fastify instance whose route types come from the TypeBox schemas. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What route modules may use: the core's ports, the shared rate limiter, the transports. */
export interface RouteContext {
  deps: CoreDeps;
  /** The core ports plus the master key (signing keys) and the AAGUID catalog. */
  passkeys: PasskeyDeps;
  rateLimiter: RateLimiter;
  /** Mail and SMS transports (challenges send through them). */
  messaging: Messaging;
  /** The origin clients reach this server at (known only after listen when the port is 0). */
  publicUrl: () => string;
}

/** A route module: registers one route on the app it is given. */
export type RouteModule = (app: TypedApp, context: RouteContext) => void;
