import { isLatchkeyError } from '../../../../core/errors.js';
import { verifySignedPasskeyData } from '../../../../core/passkeys/signed-data/verify-signed-passkey-data.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { VerifySignedDataBody, VerifySignedDataResponse } from './passkey.schema.js';

/**
 * POST /v2/passkey/verifySignedData (PasskeyVerifySignedData), and the plural
 * /v2/passkeys/verifySignedData that Corbado's guides use. Always 200 with a result for a
 * well-formed request; an unexpected failure answers `generic_error` rather than 500.
 */
export const verifySignedDataRoute: RouteModule = (app, { deps }) => {
  for (const [path, alias] of [
    ['/passkey/verifySignedData', false],
    // Not in backend_api.yml: served for Corbado's guides, left out of /openapi.json.
    ['/passkeys/verifySignedData', true],
  ] as const) {
    app.post(
      path,
      {
        schema: {
          ...(alias ? { hide: true } : { operationId: 'PasskeyVerifySignedData' }),
          tags: ['Passkeys'],
          summary: 'Verify signedPasskeyData from a passkey login',
          body: VerifySignedDataBody,
          response: withErrors({ 200: VerifySignedDataResponse }),
        },
      },
      async (request) => {
        try {
          return {
            verificationResult: await verifySignedPasskeyData(
              deps,
              request.projectId,
              request.body,
            ),
          };
        } catch (error) {
          if (isLatchkeyError(error) && error.code === 'VALIDATION_FAILED') throw error;
          request.log.error({ err: error }, 'verifySignedData failed');
          return { verificationResult: 'generic_error' as const };
        }
      },
    );
  }
};
