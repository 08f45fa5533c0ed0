import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { objectBody, requireString } from '../http/body.js';
import { type AuthenticatedRequest, SessionGuard } from '../sessions/session.guard.js';
import { SessionError, SessionManager } from '../sessions/session-manager.js';

/** `POST /session/refresh` (refresh token) and `POST /session/logout` (session). */
@Controller('session')
export class SessionController {
  constructor(@Inject(SessionManager) private readonly sessions: SessionManager) {}

  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() raw: unknown) {
    const refreshToken = requireString(objectBody(raw), 'refreshToken', 256);
    try {
      return await this.sessions.refresh(refreshToken);
    } catch (error) {
      if (error instanceof SessionError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async logout(@Req() request: AuthenticatedRequest) {
    await this.sessions.end(request.sessionUser.sessionId);
    return { status: 'logged_out' };
  }
}
