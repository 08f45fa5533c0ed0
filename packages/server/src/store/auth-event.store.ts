import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type AuthEventType = 'sign_up' | 'login' | 'new_passkey_added';
export type AuthEventMethod =
  | 'password'
  | 'email_otp'
  | 'email_link'
  | 'phone_otp'
  | 'passkey'
  | 'social_github'
  | 'social_google'
  | 'social_microsoft';
export type AuthEventStatus = 'success' | 'failure';

/** An authentication event a customer's backend reported for a user. */
export interface AuthEventRecord {
  id: string;
  projectId: string;
  userId: string;
  username: string;
  eventType: AuthEventType;
  method: AuthEventMethod;
  status: AuthEventStatus;
  /** The validated clientInformation object, stored as JSON. */
  clientInformation: object;
  createdAt: number;
}

export async function insertAuthEvent(db: Kysely<Database>, event: AuthEventRecord): Promise<void> {
  await db
    .insertInto('auth_events')
    .values({
      id: event.id,
      project_id: event.projectId,
      user_id: event.userId,
      username: event.username,
      event_type: event.eventType,
      method: event.method,
      status: event.status,
      client_information: JSON.stringify(event.clientInformation),
      created_at: event.createdAt,
    })
    .execute();
}
