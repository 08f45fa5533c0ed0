import { ConfigError, loadConfig, readEnvironment } from './config.js';
import { createApp } from './create-app.js';

/** `npm start`: configuration from the environment and `.env`, then listen on PORT. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`custom-api: ${error.message}`);
    process.exit(1);
  }
  if (config.sessionKeyGenerated) {
    console.warn(
      [
        '',
        '!!! SESSION_SECRET is not set: a random session key was made for this process.',
        '!!! Every restart signs everyone out, and several instances cannot share sessions.',
        '!!! Set SESSION_SECRET (at least 32 bytes, e.g. `openssl rand -hex 32`) in production.',
        '',
      ].join('\n'),
    );
  }
  // Nest's start-up chatter (every mapped route) is left out; warnings and errors stay.
  const app = await createApp({ config, logLevels: ['error', 'warn'] });
  await app.listen(config.port, 'localhost');
  console.log(
    `custom-api example on http://localhost:${config.port} (Latchkey at ${config.backendApiUrl}, project ${config.projectId})`,
  );
}

await main();
