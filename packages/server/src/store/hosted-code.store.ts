import type { Kysely } from 'kysely';
import type { Database, HostedCodeRow } from './schema.js';

/** A one-time code of the hosted pages as the rest of the code sees it (never the code). */
export interface HostedCodeRecord {
  projectId: string;
  userId: string;
  /** The hosted page's session the code was issued from. */
  sessionId: string;
  identifierValue: string;
  redirectUri: string;
  createdAt: number;
  expiresAt: number;
}

function toRecord(row: HostedCodeRow): HostedCodeRecord {
  return {
    projectId: row.project_id,
    userId: row.user_id,
    sessionId: row.session_id,
    identifierValue: row.identifier_value,
    redirectUri: row.redirect_uri,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function insertHostedCode(
  db: Kysely<Database>,
  code: HostedCodeRecord & { codeHash: string },
): Promise<void> {
  await db
    .insertInto('hosted_codes')
    .values({
      code_hash: code.codeHash,
      project_id: code.projectId,
      user_id: code.userId,
      session_id: code.sessionId,
      identifier_value: code.identifierValue,
      redirect_uri: code.redirectUri,
      created_at: code.createdAt,
      expires_at: code.expiresAt,
    })
    .execute();
}

/**
 * Takes the project's unexpired code whose hash is `codeHash` in one `DELETE … RETURNING`:
 * of any number of concurrent callers at most one gets the row, and nobody gets it twice.
 */
export async function consumeHostedCodeRow(
  db: Kysely<Database>,
  where: { projectId: string; codeHash: string },
  now: number,
): Promise<HostedCodeRecord | undefined> {
  const row = await db
    .deleteFrom('hosted_codes')
    .where('code_hash', '=', where.codeHash)
    .where('project_id', '=', where.projectId)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}
