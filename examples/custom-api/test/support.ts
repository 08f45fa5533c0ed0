import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createMessaging } from '../../../packages/server/src/core/messages/create-messaging.js';
import { databaseKinds } from '../../../packages/server/test/support/databases.js';
import {
  type SmtpReceiver,
  startSmtpReceiver,
} from '../../../packages/server/test/support/smtp-receiver.js';
import {
  createTestServer,
  type TestServer,
} from '../../../packages/server/test/support/test-server.js';
import { type ExampleConfig, loadConfig } from '../src/config.js';
import { createApp } from '../src/create-app.js';

/*
 * A live Latchkey (the real app on a real socket, on SQLite or the first configured
 * database) that mails its codes to a real SMTP receiver, and the example in front of it,
 * as `npm start` runs it but on free ports. The example talks to Latchkey only over HTTP.
 */

export type Json = Record<string, unknown>;

export interface Stack {
  latchkey: TestServer;
  latchkeyUrl: string;
  smtp: SmtpReceiver;
  app: NestExpressApplication;
  /** The example's origin, e.g. http://127.0.0.1:54321. */
  url: string;
  config: ExampleConfig;
  /** Moves time forward for both the example (sessions, pending codes) and Latchkey. */
  advance(ms: number): void;
  close(): Promise<void>;
}

// The example only talks HTTP to a live Latchkey: one database is enough.
const [kind = 'sqlite'] = databaseKinds();

export interface StackOptions {
  /** Which Latchkey project to use (default: the test server's first one). */
  project?: (latchkey: TestServer) => Promise<{ projectId: string; apiSecret: string }>;
  /** Port for the example to listen on; default any free one. */
  port?: number;
  /** Extra environment for loadConfig. */
  env?: Record<string, string>;
}

/** Starts SMTP receiver, Latchkey and the example. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const smtp = await startSmtpReceiver();
  const latchkey = await createTestServer(kind, {
    startMs: Date.now(),
    messaging: (deps) =>
      createMessaging(
        { smtpUrl: smtp.url, mailFrom: 'Latchkey <no-reply@latchkey.test>' },
        deps,
        null,
      ),
  });
  const latchkeyUrl = await latchkey.listen();
  const project = options.project
    ? await options.project(latchkey)
    : { projectId: latchkey.project.id, apiSecret: latchkey.apiSecret };
  let offset = 0;
  const config = loadConfig({
    CORBADO_PROJECT_ID: project.projectId,
    CORBADO_API_SECRET: project.apiSecret,
    CORBADO_BACKEND_API: latchkeyUrl,
    SESSION_SECRET: 'a test session secret of at least thirty-two bytes',
    ...options.env,
  });
  const app = await createApp({ config, now: () => Date.now() + offset, logLevels: [] });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    latchkey,
    latchkeyUrl,
    smtp,
    app,
    url,
    config,
    advance(ms) {
      offset += ms;
      latchkey.clock.advance(ms);
    },
    async close() {
      await app.close();
      await latchkey.close();
      await smtp.close();
    },
  };
}

/** A port that was free a moment ago (for an origin that must be known before listening). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The one six-digit code in the newest mail to this address. */
export function latestCode(smtp: SmtpReceiver, email: string): string {
  const mail = smtp.messages.filter((message) => message.envelopeTo.includes(email)).at(-1);
  assert.ok(mail, `no mail to ${email}`);
  const codes = mail.text.match(/\b\d{6}\b/g) ?? [];
  assert.equal(codes.length, 1, `expected one code in: ${mail.text}`);
  return codes[0] as string;
}
