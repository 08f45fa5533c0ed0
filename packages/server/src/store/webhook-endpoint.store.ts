import type { Kysely, Selectable } from 'kysely';
import { preparedQuery } from './prepared-query.js';
import type { Database, WebhookEndpointTable } from './schema.js';

type WebhookEndpointRow = Selectable<WebhookEndpointTable>;

export interface WebhookEndpointRecord {
  id: string;
  projectId: string;
  url: string;
  /** Empty when the endpoint has no Basic auth. */
  basicAuthUsername: string;
  basicAuthPassword: string;
  customHeaders: Record<string, string>;
  subscribedEvents: string[];
  /** Standard Webhooks secret (`whsec_…`), kept in clear because signing needs it. */
  signingSecret: string;
  createdAt: number;
  updatedAt: number;
}

export interface WebhookEndpointChanges {
  url?: string;
  basicAuthUsername?: string;
  basicAuthPassword?: string;
  customHeaders?: Record<string, string>;
  subscribedEvents?: string[];
}

function toRecord(row: WebhookEndpointRow): WebhookEndpointRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    url: row.url,
    basicAuthUsername: row.basic_auth_username,
    basicAuthPassword: row.basic_auth_password,
    customHeaders: JSON.parse(row.custom_headers) as Record<string, string>,
    subscribedEvents: JSON.parse(row.subscribed_events) as string[],
    signingSecret: row.signing_secret,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertWebhookEndpoint(
  db: Kysely<Database>,
  endpoint: WebhookEndpointRecord,
): Promise<void> {
  await db
    .insertInto('webhook_endpoints')
    .values({
      id: endpoint.id,
      project_id: endpoint.projectId,
      url: endpoint.url,
      basic_auth_username: endpoint.basicAuthUsername,
      basic_auth_password: endpoint.basicAuthPassword,
      custom_headers: JSON.stringify(endpoint.customHeaders),
      subscribed_events: JSON.stringify(endpoint.subscribedEvents),
      signing_secret: endpoint.signingSecret,
      created_at: endpoint.createdAt,
      updated_at: endpoint.updatedAt,
    })
    .execute();
}

/** Every endpoint of a project, oldest first (a project has a bounded number of them). */
export async function listWebhookEndpoints(
  db: Kysely<Database>,
  projectId: string,
): Promise<WebhookEndpointRecord[]> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toRecord);
}

export async function countWebhookEndpoints(
  db: Kysely<Database>,
  projectId: string,
): Promise<number> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function findWebhookEndpoint(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<WebhookEndpointRecord | undefined> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** An endpoint by ID alone, for the delivery worker (which serves every project). */
export async function findWebhookEndpointById(
  db: Kysely<Database>,
  id: string,
): Promise<WebhookEndpointRecord | undefined> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

const selectEndpointSubscriptions = preparedQuery((db, args: { projectId: string }) =>
  db
    .selectFrom('webhook_endpoints')
    .select(['id', 'subscribed_events'])
    .where('project_id', '=', args.projectId)
    .orderBy('id'),
);

/** IDs of the project's endpoints subscribed to `eventType`. */
export async function findSubscribedEndpointIds(
  db: Kysely<Database>,
  projectId: string,
  eventType: string,
): Promise<string[]> {
  const { rows } = await selectEndpointSubscriptions(db, { projectId });
  return rows
    .filter((row) => (JSON.parse(row.subscribed_events) as string[]).includes(eventType))
    .map((row) => row.id);
}

export async function updateWebhookEndpointRow(
  db: Kysely<Database>,
  projectId: string,
  id: string,
  changes: WebhookEndpointChanges,
  now: number,
): Promise<WebhookEndpointRecord | undefined> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set({
      ...(changes.url !== undefined && { url: changes.url }),
      ...(changes.basicAuthUsername !== undefined && {
        basic_auth_username: changes.basicAuthUsername,
      }),
      ...(changes.basicAuthPassword !== undefined && {
        basic_auth_password: changes.basicAuthPassword,
      }),
      ...(changes.customHeaders !== undefined && {
        custom_headers: JSON.stringify(changes.customHeaders),
      }),
      ...(changes.subscribedEvents !== undefined && {
        subscribed_events: JSON.stringify(changes.subscribedEvents),
      }),
      updated_at: now,
    })
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Deletes an endpoint (its pending deliveries go by ON DELETE CASCADE); false when absent. */
export async function deleteWebhookEndpointRow(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
