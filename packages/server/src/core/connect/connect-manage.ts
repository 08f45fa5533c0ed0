import type { ProjectRecord } from '../../store/project.store.js';
import { consumeConnectToken } from '../connect-tokens/consume-connect-token.js';
import { LatchkeyError } from '../errors.js';
import { deleteCredential } from '../passkeys/records/delete-credential.js';
import { listCredentials } from '../passkeys/records/list-credentials.js';
import type { CredentialWithDetails } from '../passkeys/records/record-fields.js';
import { requireCredentialId } from '../passkeys/records/record-fields.js';
import type { ConnectDeps } from './connect-deps.js';
import { requireConnectProcess } from './connect-process.js';
import { findConnectUser } from './connect-user.js';

/**
 * Checks the manage process, spends the connect token and returns the user its identifier
 * maps to (undefined when no passkey was ever appended for it).
 */
async function spendManageToken(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: { processToken: unknown; connectToken: unknown },
  type: 'passkey-list' | 'passkey-delete',
): Promise<string | undefined> {
  await requireConnectProcess(deps, project.id, input.processToken, 'manage');
  const token = await consumeConnectToken(deps, project.id, input.connectToken as string, type);
  return findConnectUser(deps, project.id, token.data.identifier);
}

/**
 * `POST /v2/connect/manage/list`: consumes a `passkey-list` token and lists the passkeys of
 * the user its identifier maps to, oldest first; none when no passkey was ever appended.
 * @throws CONNECT_PROCESS_INVALID, CONNECT_TOKEN_NOT_FOUND
 */
export async function listConnectPasskeys(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: { processToken: unknown; connectToken: unknown },
): Promise<CredentialWithDetails[]> {
  const userId = await spendManageToken(deps, project, input, 'passkey-list');
  if (!userId) return [];
  // A user has a handful of passkeys: one page of the largest size holds them all.
  const page = await listCredentials(deps, project.id, userId, {
    pageSize: 100,
    sort: 'created:asc',
  });
  return page.items;
}

/**
 * `POST /v2/connect/manage/delete`: consumes a `passkey-delete` token and deletes the passkey
 * `credentialID` (`cre-…`) if it belongs to the user the token is for. The ID is checked
 * before the token is spent; a passkey of anyone else is CREDENTIAL_NOT_FOUND (and the token
 * is spent).
 * @throws CONNECT_PROCESS_INVALID, VALIDATION_FAILED, CONNECT_TOKEN_NOT_FOUND,
 *   CREDENTIAL_NOT_FOUND
 */
export async function deleteConnectPasskey(
  deps: ConnectDeps,
  project: ProjectRecord,
  input: { processToken: unknown; connectToken: unknown; credentialID: unknown },
): Promise<string> {
  const credentialId = requireCredentialId(
    typeof input.credentialID === 'string' ? input.credentialID : '',
  );
  const userId = await spendManageToken(deps, project, input, 'passkey-delete');
  if (!userId) {
    throw new LatchkeyError('CREDENTIAL_NOT_FOUND', `no passkey ${credentialId} for this user`);
  }
  await deleteCredential(deps, project.id, userId, credentialId);
  return credentialId;
}
