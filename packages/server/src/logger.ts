import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config/config.js';

/**
 * Paths never written to logs. Secrets, tokens, passwords and codes are replaced wherever
 * they appear in a logged object; request logs carry no headers or bodies in the first place.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-corbado-process-id"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.apiSecret',
  '*.secret',
  '*.token',
  '*.code',
  '*.otp',
  '*.refreshToken',
  '*.longSession',
  '*.sessionToken',
  '*.authorization',
  'password',
  'apiSecret',
  'secret',
  'token',
  'code',
];

/**
 * The structured logger: readable lines in a terminal, JSON otherwise. Logs go to standard
 * error, so standard output carries only what a command prints on purpose (the start banner,
 * `--json` results) and a script can read it without filtering out log lines.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  if (config.logFormat === 'pretty') {
    return pino(
      options,
      pretty({
        destination: 2,
        sync: true,
        colorize: process.stderr.isTTY,
        translateTime: 'HH:MM:ss',
        ignore: 'pid,hostname',
      }),
    );
  }
  return pino(options, pino.destination({ dest: 2, sync: true }));
}
