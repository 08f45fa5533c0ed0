import cluster from 'node:cluster';
import { Command } from 'commander';
import { loadMasterKey } from '../../core/keys/master-key.js';
import { createLogger } from '../../logger.js';
import { openDatabase } from '../../store/database.js';
import { runClusterPrimary, type WorkerStartedMessage } from '../cluster-primary.js';
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
  smtpUrl?: string;
  mailFrom?: string;
  smsWebhookUrl?: string;
  smsWebhookAuth?: string;
  bodyLimit?: string;
  janitorIntervalMs?: string;
  masterKey?: string;
  workers?: string;
  userstorePort?: string;
  userstoreTlsCert?: string;
  userstoreTlsKey?: string;
  userstoreTlsCa?: string;
  redisUrl?: string;
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
    .option(
      '--redis-url <url>',
      'redis://host:6379: rate-limit counters in Redis instead of the database; the start fails if Redis does not answer (env LATCHKEY_REDIS_URL)',
    )
    .option(
      '--smtp-url <url>',
      'smtp://user:password@host:587 or smtps://… to send mail; unset prints mail to the terminal and `latchkey mails` (env LATCHKEY_SMTP_URL, preferred: flags show in process lists)',
    )
    .option(
      '--mail-from <sender>',
      'default sender, e.g. "Example <no-reply@example.com>"; a project\'s email_from overrides it (env LATCHKEY_MAIL_FROM)',
    )
    .option(
      '--sms-webhook-url <url>',
      'POST SMS as JSON {to, text} to this URL; unset prints SMS to the terminal (env LATCHKEY_SMS_WEBHOOK_URL)',
    )
    .option(
      '--sms-webhook-auth <value>',
      'Authorization header for the SMS webhook (env LATCHKEY_SMS_WEBHOOK_AUTH, preferred)',
    )
    .option(
      '--body-limit <bytes>',
      'largest request body accepted, in bytes (env LATCHKEY_BODY_LIMIT, default 1048576)',
    )
    .option(
      '--janitor-interval-ms <ms>',
      'how often expired rows are deleted (env LATCHKEY_JANITOR_INTERVAL_MS, default 60000)',
    )
    .option(
      '--master-key <base64>',
      'master key encrypting signing keys, 32 bytes in base64; required with PostgreSQL, else generated into <data-dir>/master.key (env LATCHKEY_MASTER_KEY, preferred: flags show in process lists)',
    )
    .option(
      '--workers <n>',
      'server processes sharing the port, each a stateless node of the same database; one per CPU core uses them all (env LATCHKEY_WORKERS, default 1)',
    )
    .option(
      '--userstore-port <port>',
      'port of the User store API (HTTPS, client certificates only); 0 picks a free one (env LATCHKEY_USERSTORE_PORT, default 8443)',
    )
    .option(
      '--userstore-tls-cert <file>',
      "the User store listener's certificate (PEM); give its key and the client CA too, or none of the three for a dev CA in the data dir (env LATCHKEY_USERSTORE_TLS_CERT)",
    )
    .option(
      '--userstore-tls-key <file>',
      "the User store listener's private key (PEM) (env LATCHKEY_USERSTORE_TLS_KEY)",
    )
    .option(
      '--userstore-tls-ca <file>',
      "the CA (PEM) that clients' certificates must chain to (env LATCHKEY_USERSTORE_TLS_CA)",
    )
    .option('--no-migrate', 'do not apply migrations at start; refuse to start if any are pending')
    .option('--config <file>', 'JSON config file (env LATCHKEY_CONFIG)')
    .option('--json', 'print the start-up information as one JSON line')
    .action(async (flags: StartFlags) => {
      const { migrate, bodyLimit, ...rest } = flags;
      // Commander sets migrate=true by default; only an explicit --no-migrate should override env.
      const config = configFromFlags({
        ...rest,
        bodyLimitBytes: bodyLimit,
        ...(migrate === false && { migrate: false }),
      });
      if (config.workers > 1 && cluster.isPrimary) {
        // Checked once here, so a missing master key is one clear error, not one per worker.
        loadMasterKey(config);
        // The dev CA once, before the workers start, so they do not race to create it.
        if (!config.userstoreTlsCert) {
          const { ensureDevServerCertificates } = await import(
            '../../core/certs/dev-certificates.js'
          );
          await ensureDevServerCertificates(config.dataDir, Date.now());
        }
        await runClusterPrimary(config.workers);
        return;
      }
      const logger = createLogger(config);
      // Loaded here rather than at the top: the HTTP stack is most of the CLI's start-up
      // time, and the other commands do not need it.
      const { startServer } = await import('../../server/start-server.js');
      const database = openDatabase({ ...config, backgroundCheckpoints: true });
      try {
        // Refuse to start when signing keys could not be decrypted (PostgreSQL without a
        // shared master key); in dev this creates <data-dir>/master.key on the first start.
        loadMasterKey(config);
      } catch (error) {
        await database.close();
        throw error;
      }
      const server = await startServer(config, database, logger).catch(async (error) => {
        await database.close();
        throw error;
      });
      // The banner (and the one-time API secret) goes to stdout directly, never to the logger.
      const banner = formatStartBanner(server, database, flags.json ?? false);
      if (cluster.isWorker && process.send) {
        const started: WorkerStartedMessage = {
          type: 'latchkey:started',
          banner,
          showsSecret: server.defaultProject.created !== undefined,
        };
        process.send(started);
      } else {
        process.stdout.write(banner);
      }

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
