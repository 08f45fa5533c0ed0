#!/usr/bin/env node
// The `latchkey` command. Runs the compiled build when there is one (`npm run build`), and
// otherwise the TypeScript sources through tsx, so `npm ci && npx latchkey` needs no build step.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let cli;
if (existsSync(fileURLToPath(compiled))) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
await cli.main(process.argv);
