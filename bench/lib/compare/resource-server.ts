// The "tiny resource server" of the compare mode (issue 11): what a customer's API does with a
// Latchkey session token. It verifies the JWT with the project's JWKS through jose (the keys
// fetched once and cached, refetched for an unknown kid, as createRemoteJWKSet does) and
// answers GET /me with the token's subject. It runs as its own process so that its memory and
// CPU are measured apart from Latchkey's.
//
//   RESOURCE_JWKS_URL=http://127.0.0.1:port/.well-known/jwks RESOURCE_PROJECT_ID=pro-…
//   RESOURCE_ISSUER=http://localhost:port node --import tsx bench/lib/compare/resource-server.ts
//
// Prints one JSON line `{"listening":"http://127.0.0.1:<port>"}` once it listens.
import http from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const jwks = createRemoteJWKSet(new URL(required('RESOURCE_JWKS_URL')), {
  headers: { 'x-corbado-projectid': required('RESOURCE_PROJECT_ID') },
});
const issuer = required('RESOURCE_ISSUER');

const send = (response: http.ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

const server = http.createServer((request, response) => {
  if (request.method !== 'GET' || request.url !== '/me') {
    send(response, 404, { error: 'not found' });
    return;
  }
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) {
    send(response, 401, { error: 'no bearer token' });
    return;
  }
  // Signature, exp/nbf (jose's defaults), the issuer and the algorithm Latchkey signs with.
  jwtVerify(header.slice(7), jwks, { issuer, algorithms: ['RS256', 'ES256'] }).then(
    ({ payload }) => send(response, 200, { sub: payload.sub }),
    (error: Error) => send(response, 401, { error: error.message }),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${port}` })}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
