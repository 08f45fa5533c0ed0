import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { resolveCertificateProject } from '../../core/certs/client-certificates.js';
import type { CoreDeps } from '../../core/deps.js';
import { LatchkeyError } from '../../core/errors.js';
import { sendUserstoreError } from './userstore-errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The project the client certificate acts for (User store API). */
    userstoreProjectId: string;
  }
}

/**
 * The User store API's authentication, before the body is read. The TLS handshake already
 * refused clients without a certificate from a trusted CA; here the certificate's subject
 * CN names the project and its SHA-256 fingerprint must be registered for that project and
 * not revoked (`latchkey certs`). Checked on every request, so a revocation bites at once.
 */
export function registerUserstoreAuth(app: FastifyInstance, deps: CoreDeps): void {
  app.decorateRequest('userstoreProjectId', '');
  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket as TLSSocket;
    const peer = socket.authorized ? socket.getPeerCertificate() : undefined;
    const commonName = peer?.subject?.CN;
    const projectId =
      peer?.raw && typeof commonName === 'string'
        ? await resolveCertificateProject(deps, {
            fingerprint: peer.fingerprint256.replaceAll(':', '').toLowerCase(),
            commonName,
          })
        : undefined;
    if (!projectId) {
      return sendUserstoreError(
        reply,
        new LatchkeyError(
          'CERTIFICATE_UNTRUSTED',
          'the client certificate is not registered for the project its CN names (or was revoked); see `latchkey certs list`',
        ),
      );
    }
    request.userstoreProjectId = projectId;
  });
}
