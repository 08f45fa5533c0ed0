import { existsSync, readFileSync } from 'node:fs';
import { createDemoApp } from './demo-app.js';
import { createLatchkeyBackend } from './latchkey-backend.js';
import { createSessionVerifier } from './session-verifier.js';

/**
 * Runs the demo: project from LATCHKEY_PROJECT_ID / LATCHKEY_API_SECRET, or from the JSON
 * that `latchkey project create --json` printed (LATCHKEY_PROJECT_FILE, default project.json).
 */
function main() {
  const file = process.env.LATCHKEY_PROJECT_FILE ?? 'project.json';
  const fromFile = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as {
        projectID?: string;
        apiSecret?: string;
        frontendApiUrl?: string | null;
      })
    : {};
  const projectId = process.env.LATCHKEY_PROJECT_ID ?? fromFile.projectID;
  const apiSecret = process.env.LATCHKEY_API_SECRET ?? fromFile.apiSecret;
  if (!projectId || !apiSecret) {
    console.error(
      `Set LATCHKEY_PROJECT_ID and LATCHKEY_API_SECRET, or create ${file} (see README).`,
    );
    process.exit(1);
  }
  const latchkeyUrl = process.env.LATCHKEY_URL ?? 'http://localhost:8080';
  const port = Number(process.env.PORT ?? 3000);
  const publicUrl = process.env.DEMO_PUBLIC_URL ?? `http://localhost:${port}`;
  const app = createDemoApp({
    publicUrl,
    hostedPagesUrl: latchkeyUrl,
    projectId,
    latchkey: createLatchkeyBackend({ baseUrl: latchkeyUrl, projectId, apiSecret }),
    verifySession: createSessionVerifier({
      jwksUrl: `${latchkeyUrl}/.well-known/jwks`,
      projectId,
      // Session tokens name the project's Frontend API URL; the server's public URL by default.
      issuer: process.env.LATCHKEY_ISSUER ?? fromFile.frontendApiUrl ?? latchkeyUrl,
    }),
  });
  app.listen(port, 'localhost', () => {
    console.log(`Latchkey demo on ${publicUrl}  (signs in through ${latchkeyUrl}/login)`);
  });
}

main();
