import { Command } from 'commander';
import { createLogger } from '../../logger.js';
import { startServer } from '../../server/start-server.js';
import { openDatabase } from '../../store/database.js';
import { configFromFlags, type DatabaseFlags } from '../database-options.js';
import { formatStartBanner } from '../start-banner.js';

interface StartFlags extends DatabaseFlags {
  port?: string;
  host?: string;
  publicUrl?: string;
  trustProxy?: string;
  logLevel?: string;
  logFormat?: string;
  metricsPort?: string;
  migrate?: boolean;
}

export function startCommand(): Command {
  return new Command('start')
    .description('start the Latchkey server (SQLite in ./.latchkey unless a database URL is set)')
    .option(
      '--port <port>',
      'port to listen on; 0 picks a free one (env LATCHKEY_PORT, default 8080)',
    )
    .option('--host <address>', 'address to listen on (env LATCHKEY_HOST, default 127.0.0.1)')
    .option('--data-dir <dir>', 'data directory (env LATCHKEY_DATA_DIR, default ./.latchkey)')
    .option('--database-url <url>', 'postgres://… to use PostgreSQL (env LATCHKEY_DATABASE_URL)')
    .option('--public-url <origin>', 'externally visible origin, no path (env LATCHKEY_PUBLIC_URL)')
    .option(
      '--trust-proxy <proxies>',
      'proxies allowed to set X-Forwarded-*: false, true, hop count, or addresses/CIDRs (env LATCHKEY_TRUST_PROXY)',
    )
    .option(
      '--log-level <level>',
      'fatal, error, warn, info, debug, trace or silent (env LATCHKEY_LOG_LEVEL)',
    )
    .option(
      '--log-format <format>',
      'pretty or json (env LATCHKEY_LOG_FORMAT; default pretty in a terminal)',
    )
    .option(
      '--metrics-port <port>',
      'serve Prometheus /metrics on this separate port (env LATCHKEY_METRICS_PORT)',
    )
    .option('--no-migrate', 'do not apply migrations at start; refuse to start if any are pending')
    .option('--config <file>', 'JSON config file (env LATCHKEY_CONFIG)')
    .option('--json', 'print the start-up information as one JSON line')
    .action(async (flags: StartFlags) => {
      const { migrate, ...rest } = flags;
      // Commander sets migrate=true by default; only an explicit --no-migrate should override env.
      const config = configFromFlags({ ...rest, ...(migrate === false && { migrate: false }) });
      const logger = createLogger(config);
      const database = openDatabase(config);
      const server = await startServer(config, database, logger).catch(async (error) => {
        await database.close();
        throw error;
      });
      // The banner (and the one-time API secret) goes to stdout directly, never to the logger.
      process.stdout.write(formatStartBanner(server, database, flags.json ?? false));

      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down: draining requests');
        const force = setTimeout(() => process.exit(1), 10_000);
        force.unref();
        server.close().then(
          () => {
            logger.info('stopped');
            process.exit(0);
          },
          (error) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
