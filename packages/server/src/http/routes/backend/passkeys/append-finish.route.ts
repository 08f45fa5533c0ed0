import { finishAppend } from '../../../../core/passkeys/ceremonies/finish-append.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { AppendFinishBody, PasskeyDataResponse } from './passkey.schema.js';

/** POST /v2/passkey/append/finish (PasskeyAppendFinish). */
export const appendFinishRoute: RouteModule = (app, { passkeys }) => {
  app.post(
    '/passkey/append/finish',
    {
      schema: {
        operationId: 'PasskeyAppendFinish',
        tags: ['Passkeys'],
        summary: 'Finish creating a new passkey',
        body: AppendFinishBody,
        response: withErrors({ 200: PasskeyDataResponse }),
      },
    },
    async (request) => finishAppend(passkeys, request.project, request.body),
  );
};
