import { Type } from 'typebox';
import { LatchkeyError } from '../../core/errors.js';
import type { TypedApp } from '../route-context.js';
import { withErrors } from '../schemas/common.schema.js';

export interface HealthOptions {
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  /** False once shutdown has begun, so load balancers stop sending traffic. */
  isAccepting(): boolean;
}

/** GET /health: 200 when the server can serve (database reachable), 503 otherwise. */
export function registerHealthRoute(app: TypedApp, options: HealthOptions): void {
  app.get(
    '/health',
    {
      schema: {
        tags: ['Operations'],
        summary: 'Readiness: 200 when the database is reachable',
        response: withErrors({ 200: Type.Object({ status: Type.Literal('ok') }) }),
      },
    },
    async () => {
      if (!options.isAccepting()) {
        throw new LatchkeyError('NOT_READY', 'shutting down');
      }
      try {
        await options.ping();
      } catch (error) {
        throw new LatchkeyError('NOT_READY', 'database unreachable', { cause: error });
      }
      return { status: 'ok' as const };
    },
  );
}
