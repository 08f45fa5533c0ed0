import { startAppend } from '../../../../core/passkeys/ceremonies/start-append.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { AppendStartBody, AppendStartResponse } from './passkey.schema.js';

/** POST /v2/passkey/append/start (PasskeyAppendStart). */
export const appendStartRoute: RouteModule = (app, { passkeys }) => {
  app.post(
    '/passkey/append/start',
    {
      schema: {
        operationId: 'PasskeyAppendStart',
        tags: ['Passkeys'],
        summary: 'Start creating a new passkey',
        body: AppendStartBody,
        response: withErrors({ 200: AppendStartResponse }),
      },
    },
    async (request) => startAppend(passkeys, request.project, request.body),
  );
};
