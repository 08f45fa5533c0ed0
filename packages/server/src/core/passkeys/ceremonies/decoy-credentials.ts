import { createHmac } from 'node:crypto';

/**
 * Stand-in allow-list entries for a user without passkeys, so that the options a browser sees
 * look the same whether or not the user has one (no empty-versus-full allow list tell). They
 * are derived from the master key and the user, so repeated logins show the same ones, and no
 * authenticator holds them: a login with them simply finds no passkey.
 */
export function decoyCredentials(masterKey: Buffer, projectId: string, userId: string) {
  const id = createHmac('sha256', masterKey)
    .update('latchkey decoy credential\n')
    .update(projectId)
    .update('\n')
    .update(userId)
    .digest()
    .subarray(0, 32)
    .toString('base64url');
  return [{ credentialId: id, transports: ['internal', 'hybrid'] }];
}
