import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { BackendApiError } from '../latchkey/backend-api.client.js';

/** The one error body of this API. */
export interface ErrorBody {
  message: string;
  statusCode: number;
}

/**
 * What a refusal by Latchkey means to this API's client. Codes not listed are this
 * example's own fault (a bad API secret, a bug) or Latchkey's, and become 502 with the
 * details logged, never shown.
 */
const latchkeyRefusals: Record<string, ErrorBody> = {
  CHALLENGE_CODE_INVALID: { statusCode: 400, message: 'code: wrong code' },
  CHALLENGE_EXPIRED: { statusCode: 400, message: 'code: expired; ask for a new one' },
  CHALLENGE_NOT_PENDING: { statusCode: 400, message: 'code: already used; ask for a new one' },
  CHALLENGE_LOCKED: {
    statusCode: 429,
    message: 'code: too many wrong codes; ask for a new one',
  },
  // Latchkey's mail server refused the message; Latchkey deleted the challenge again.
  MESSAGE_DELIVERY_FAILED: {
    statusCode: 502,
    message: 'the code could not be sent; try again later',
  },
  RATE_LIMITED: { statusCode: 429, message: 'too many codes requested; try again later' },
  USER_NOT_ACTIVE: { statusCode: 403, message: 'this account is disabled' },
  DUPLICATE_VALUE: { statusCode: 409, message: 'this passkey is already registered' },
  PASSKEY_CHALLENGE_INVALID: {
    statusCode: 400,
    message: 'the passkey ceremony expired or was already used; start again',
  },
  WEBAUTHN_VERIFICATION_FAILED: { statusCode: 400, message: 'the passkey response did not verify' },
};

/** Turns every error into `{message, statusCode}`; the only place error bodies are shaped. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('custom-api');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.bodyOf(error);
    response.status(body.statusCode).json(body);
  }

  private bodyOf(error: unknown): ErrorBody {
    if (error instanceof HttpException) {
      const answer = error.getResponse();
      const message =
        typeof answer === 'string'
          ? answer
          : String((answer as { message?: unknown }).message ?? error.message);
      return { message, statusCode: error.getStatus() };
    }
    if (error instanceof BackendApiError) {
      const known = latchkeyRefusals[error.code];
      if (known) return known;
      // Latchkey's own validation names its field (e.g. attestationResponse.id): passed on.
      if (error.code === 'VALIDATION_FAILED') return { statusCode: 400, message: error.message };
      this.logger.error(`Latchkey refused a call: ${error.status} ${error.code} ${error.message}`);
      return { statusCode: 502, message: 'the passkey server could not complete the request' };
    }
    this.logger.error(error);
    return { statusCode: 500, message: 'internal error' };
  }
}
