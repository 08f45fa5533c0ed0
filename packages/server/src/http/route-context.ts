import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { CoreDeps } from '../core/deps.js';
import type { RateLimiter } from '../core/rate-limit/rate-limiter.js';

/** A Fastify instance whose route types come from the TypeBox schemas. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What route modules may use: the core's ports and the shared rate limiter. */
export interface RouteContext {
  deps: CoreDeps;
  rateLimiter: RateLimiter;
}

/** A route module: registers one route on the app it is given. */
export type RouteModule = (app: TypedApp, context: RouteContext) => void;
