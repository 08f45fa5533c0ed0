import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createAccessTokens } from './access-tokens.js';
import { createExampleApp } from './app.js';
import { createLatchkeyClient } from './latchkey-client.js';
import { createUserStore } from './user-store.js';

/**
 * Where the page reaches Latchkey's Frontend API: on a local Latchkey, the `pro-….localhost`
 * host that names the project, so that CORS preflights (which carry no X-Corbado-ProjectID)
 * find it on a server with several projects.
 */
function frontendUrlOf(latchkeyUrl: string, projectId: string): string {
  const url = new URL(latchkeyUrl);
  if (url.hostname !== 'localhost') return latchkeyUrl;
  url.hostname = `${projectId}.localhost`;
  return url.origin;
}

/**
 * Runs the example: project from LATCHKEY_PROJECT_ID / LATCHKEY_API_SECRET, or from the JSON
 * that `latchkey project create --json` printed (LATCHKEY_PROJECT_FILE, default project.json).
 */
async function main() {
  const file = process.env.LATCHKEY_PROJECT_FILE ?? 'project.json';
  const fromFile = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { projectID?: string; apiSecret?: string })
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
  const users = createUserStore();
  const email = process.env.DEMO_EMAIL ?? 'demo@example.com';
  const password = process.env.DEMO_PASSWORD ?? 'correct horse battery staple';
  await users.add({ email, name: 'Demo User', password });
  const app = createExampleApp({
    users,
    tokens: createAccessTokens({ key: randomBytes(32) }),
    latchkey: createLatchkeyClient({ baseUrl: latchkeyUrl, projectId, apiSecret }),
    page: {
      frontendApiUrl:
        process.env.LATCHKEY_FRONTEND_API_URL ?? frontendUrlOf(latchkeyUrl, projectId),
      projectId,
    },
  });
  const port = Number(process.env.PORT ?? 3000);
  app.listen(port, 'localhost', () => {
    console.log(`Connect example on http://localhost:${port}  (sign in as ${email} / ${password})`);
  });
}

await main();
