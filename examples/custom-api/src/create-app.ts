import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { BadRequestException, type LogLevel, PayloadTooLargeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppOptions, appModule } from './app.module.js';
import { ErrorFilter } from './http/error.filter.js';

type Next = (error?: unknown) => void;

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

/**
 * Builds the NestJS app (API and the web client in public/), initialised but not listening:
 * `main.ts` listens, tests call `listen(0)`.
 */
export async function createApp(
  options: AppOptions & { logLevels?: LogLevel[] },
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule(options), {
    logger: options.logLevels ?? ['error', 'warn', 'log'],
  });
  app.disable('x-powered-by');
  // Credential responses are a few KiB; anything much larger is not one.
  app.useBodyParser('json', { limit: '100kb' });
  // body-parser's own messages quote the parser ("Unexpected token … in JSON at position 1");
  // the client is told which part to fix instead.
  app.use((error: { type?: string } | undefined, _req: unknown, _res: unknown, next: Next) => {
    if (error?.type === 'entity.parse.failed')
      next(new BadRequestException('body: must be valid JSON'));
    else if (error?.type === 'entity.too.large')
      next(new PayloadTooLargeException('body: too large'));
    else next(error);
  });
  app.useGlobalFilters(new ErrorFilter());
  app.useStaticAssets(publicDir, { index: 'index.html' });
  await app.init();
  return app;
}
