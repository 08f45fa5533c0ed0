#!/usr/bin/env node
// Reads the JSON that `latchkey project create --json` prints on standard input and writes
// examples/custom-api/.env with the variable names Corbado's samples use. A SESSION_SECRET
// already in the file is kept (so signed-in users stay signed in); otherwise a new one is made.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const envFile = new URL('../.env', import.meta.url);
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
let project;
try {
  project = JSON.parse(Buffer.concat(chunks).toString('utf8'));
} catch {
  console.error('write-env: expected the JSON of `latchkey project create --json` on stdin');
  process.exit(1);
}
if (typeof project.projectID !== 'string' || typeof project.apiSecret !== 'string') {
  console.error('write-env: the JSON has no projectID and apiSecret');
  process.exit(1);
}
const previous = existsSync(envFile) ? readFileSync(envFile, 'utf8') : '';
const sessionSecret =
  /^SESSION_SECRET=(.+)$/m.exec(previous)?.[1] ?? randomBytes(32).toString('hex');
const backendApi = process.env.LATCHKEY_URL ?? 'http://localhost:8080';
writeFileSync(
  envFile,
  [
    '# Written by scripts/write-env.mjs; keep it out of version control.',
    `CORBADO_PROJECT_ID=${project.projectID}`,
    `CORBADO_API_SECRET=${project.apiSecret}`,
    `CORBADO_BACKEND_API=${backendApi}`,
    `CORBADO_FRONTEND_API=${backendApi}`,
    `SESSION_SECRET=${sessionSecret}`,
    '',
  ].join('\n'),
  { mode: 0o600 },
);
console.error(`write-env: wrote ${envFile.pathname} for project ${project.projectID}`);
