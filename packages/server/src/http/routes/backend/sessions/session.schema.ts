import { Type } from 'typebox';
import { sessionStatuses } from '../../../../core/sessions/list-sessions.js';
import { type SessionRecord, sessionStatusAt } from '../../../../store/session.store.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';

/** common.yml `session`. */
export const Session = Type.Object({
  sessionID: Type.String({ description: 'ses-… ID of the session' }),
  userID: Type.String(),
  identifierValue: Type.String({ description: 'The identifier the user logged in with' }),
  createdMs: Type.Integer(),
  lastActionMs: Type.Integer(),
  expiresMs: Type.Integer({
    description: 'When the session ends if unused: the idle limit, capped at the absolute end',
  }),
  status: StringEnum(sessionStatuses),
});

/** backend_api.yml `sessionList`. */
export const SessionList = Type.Object({ sessions: Type.Array(Session), paging: Paging });

export const SessionIdParams = Type.Object({ sessionID: Type.String({ maxLength: 64 }) });

/** The wire shape of a session at `now` (its status as of then). */
export function toWireSession(session: SessionRecord, now: number) {
  return {
    sessionID: session.id,
    userID: session.userId,
    identifierValue: session.identifierValue,
    createdMs: session.createdAt,
    lastActionMs: session.lastActionAt,
    expiresMs: session.expiresAt,
    status: sessionStatusAt(session, now),
  };
}
