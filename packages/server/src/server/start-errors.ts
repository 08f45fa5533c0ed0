// Errors that stop a start, kept apart from start-server.ts so the CLI can recognise them
// without loading the HTTP stack.

/** Raised when the schema is behind and migrations were switched off. */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `the database needs ${pending.length} migration(s) (${pending.join(', ')}); run "latchkey migrate" first, or start without --no-migrate`,
    );
    this.name = 'PendingMigrationsError';
  }
}

/** A listener could not bind its address; names the setting that chose it. */
export class ListenError extends Error {
  constructor(
    /** e.g. `LATCHKEY_METRICS_PORT (--metrics-port)`. */
    readonly setting: string,
    readonly host: string,
    readonly port: number,
    cause: unknown,
  ) {
    const code = (cause as { code?: string } | null)?.code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use; choose another with ${setting}, or 0 for a free one`
        : code === 'EACCES'
          ? `no permission to listen on port ${port}; choose a port above 1023 (or 0) with ${setting}`
          : code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine; check LATCHKEY_HOST (--host)`
            : `cannot listen on port ${port} on ${host} (${code ?? String(cause)}); check ${setting}`;
    super(reason, { cause });
    this.name = 'ListenError';
  }
}

/** LATCHKEY_REDIS_URL is set but Redis did not answer: the start stops rather than run unlimited. */
export class RedisUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    super(
      `cannot reach Redis at ${redactedUrl(url)} (${(cause as Error)?.message ?? String(cause)}); start Redis, fix LATCHKEY_REDIS_URL (--redis-url), or unset it to keep rate-limit counters in the database`,
      { cause },
    );
    this.name = 'RedisUnavailableError';
  }
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
