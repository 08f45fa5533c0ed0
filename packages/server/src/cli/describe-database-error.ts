/** A one-line explanation with the fix for errors reaching the database, else undefined. */
export function describeDatabaseError(error: unknown): string | undefined {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'cannot connect to PostgreSQL (connection refused); is it running, and is LATCHKEY_DATABASE_URL (--database-url) right?';
    case 'ENOTFOUND':
      return 'cannot resolve the PostgreSQL host; check LATCHKEY_DATABASE_URL (--database-url)';
    case '28P01':
    case '28000':
      return 'PostgreSQL refused the credentials; check the user and password in LATCHKEY_DATABASE_URL';
    case '3D000':
      return 'the PostgreSQL database does not exist; create it (createdb) or fix LATCHKEY_DATABASE_URL';
    case 'EACCES':
    case 'SQLITE_CANTOPEN':
      return 'cannot open the SQLite database; check that LATCHKEY_DATA_DIR (--data-dir) is writable';
    case 'EADDRINUSE':
      return 'the port is already in use; choose another with LATCHKEY_PORT (--port), or 0 for a free one';
    default:
      return undefined;
  }
}
