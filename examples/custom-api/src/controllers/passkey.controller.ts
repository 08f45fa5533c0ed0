import { Body, Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { objectBody, requireCredentialResponse, requireEmail } from '../http/body.js';
import { clientInformationOf } from '../latchkey/client-information.js';
import { PasskeyService } from '../passkeys/passkey.service.js';
import { type AuthenticatedRequest, SessionGuard } from '../sessions/session.guard.js';

/**
 * `/passkey/append/*` (session required), `/passkey/login/*` and `/passkey/mediation/*`.
 * The start endpoints answer the Backend API's options text unchanged (`{"publicKey": …}`
 * as JSON text, for `PublicKeyCredential.parse*OptionsFromJSON`).
 */
@Controller('passkey')
export class PasskeyController {
  constructor(@Inject(PasskeyService) private readonly passkeys: PasskeyService) {}

  @Post('append/start')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async appendStart(@Req() request: AuthenticatedRequest) {
    const attestationOptions = await this.passkeys.appendStart(
      request.sessionUser,
      clientInformationOf(request),
    );
    return { attestationOptions };
  }

  @Post('append/finish')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async appendFinish(@Body() raw: unknown, @Req() request: AuthenticatedRequest) {
    const attestationResponse = requireCredentialResponse(objectBody(raw), 'attestationResponse');
    const passkey = await this.passkeys.appendFinish(
      request.sessionUser,
      attestationResponse,
      clientInformationOf(request),
    );
    return {
      passkey: { id: passkey.id, authenticatorName: passkey.aaguidDetails.name },
    };
  }

  @Post('login/start')
  @HttpCode(200)
  async loginStart(@Body() raw: unknown, @Req() request: Request) {
    const email = requireEmail(objectBody(raw));
    return {
      assertionOptions: await this.passkeys.loginStart(email, clientInformationOf(request)),
    };
  }

  @Post('login/finish')
  @HttpCode(200)
  async loginFinish(@Body() raw: unknown, @Req() request: Request) {
    const body = objectBody(raw);
    const email = requireEmail(body);
    const assertionResponse = requireCredentialResponse(body, 'assertionResponse');
    return this.passkeys.loginFinish(email, assertionResponse, clientInformationOf(request));
  }

  @Post('mediation/start')
  @HttpCode(200)
  async mediationStart(@Req() request: Request) {
    return { assertionOptions: await this.passkeys.mediationStart(clientInformationOf(request)) };
  }

  @Post('mediation/finish')
  @HttpCode(200)
  async mediationFinish(@Body() raw: unknown, @Req() request: Request) {
    const assertionResponse = requireCredentialResponse(objectBody(raw), 'assertionResponse');
    return this.passkeys.mediationFinish(assertionResponse, clientInformationOf(request));
  }
}
