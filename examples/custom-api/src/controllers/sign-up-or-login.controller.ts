import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { has, objectBody, requireCode, requireEmail } from '../http/body.js';
import { clientInformationOf } from '../latchkey/client-information.js';
import { OtpLoginService } from '../otp/otp-login.service.js';

/**
 * `POST /signUpOrLogin`: `{email}` → `{status: "code_sent"}`; `{email, code}` →
 * `{sessionToken, refreshToken}`.
 */
@Controller()
export class SignUpOrLoginController {
  constructor(@Inject(OtpLoginService) private readonly otp: OtpLoginService) {}

  @Post('signUpOrLogin')
  @HttpCode(200)
  async signUpOrLogin(@Body() raw: unknown, @Req() request: Request) {
    const body = objectBody(raw);
    const email = requireEmail(body);
    if (has(body, 'code')) return this.otp.verifyCode(email, requireCode(body));
    await this.otp.sendCode(email, clientInformationOf(request));
    return { status: 'code_sent' };
  }
}
