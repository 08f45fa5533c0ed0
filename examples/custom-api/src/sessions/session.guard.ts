import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { SessionError, SessionManager, type SessionUser } from './session-manager.js';

/** A request that passed SessionGuard. */
export interface AuthenticatedRequest extends Request {
  sessionUser: SessionUser;
}

/** The bearer token of `Authorization: Bearer <token>`, if the header has that form. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(request.get('authorization') ?? '');
  return match?.[1];
}

/**
 * Lets a request through only with a valid access token of a live session, and puts the
 * session's user on `request.sessionUser`. Refusals are 401 with the reason in the message.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(@Inject(SessionManager) private readonly sessions: SessionManager) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.sessionUser = await this.sessions.authenticate(bearerToken(request));
      return true;
    } catch (error) {
      if (error instanceof SessionError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
