/** A one-line explanation with the fix for errors reaching the database, else undefined. */
export function describeDatabaseError(error: unknown): string | undefined {
  const {
    code,
    address,
    port,
    path: filePath,
  } = (error ?? {}) as {
    code?: string;
    address?: string;
    port?: number;
    path?: string;
  };
  const dataDir = 'LATCHKEY_DATA_DIR (--data-dir)';
  switch (code) {
    case 'ECONNREFUSED': {
      const where =
        address && port ? ` at ${address.includes(':') ? `[${address}]` : address}:${port}` : '';
      return `cannot connect to PostgreSQL${where} (connection refused); is it running, and is LATCHKEY_DATABASE_URL (--database-url) right?`;
    }
    case 'ENOTFOUND':
      return 'cannot resolve the PostgreSQL host; check LATCHKEY_DATABASE_URL (--database-url)';
    case '28P01':
    case '28000':
      return 'PostgreSQL refused the credentials; check the user and password in LATCHKEY_DATABASE_URL';
    case '3D000':
      return 'the PostgreSQL database does not exist; create it (createdb) or fix LATCHKEY_DATABASE_URL';
    // Creating the data directory failed: a file is in the way, or a parent is not writable.
    case 'EEXIST':
    case 'ENOTDIR':
      return `${filePath ?? 'the data directory'} is not a directory; point ${dataDir} at a directory`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `no permission to write ${filePath ?? 'the data directory'}; make it writable or choose another ${dataDir}`;
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
      return `cannot open the SQLite database for writing; check that ${dataDir} is writable`;
    case 'SQLITE_NOTADB':
      return `the latchkey.db file in ${dataDir} is not an SQLite database; choose another data directory, or restore the file from a backup`;
    case 'SQLITE_CORRUPT':
      return `the SQLite database in ${dataDir} is damaged; restore it from a backup (latchkey backup makes one)`;
    case 'EADDRINUSE':
      return 'the port is already in use; choose another with LATCHKEY_PORT (--port), or 0 for a free one';
    default:
      return undefined;
  }
}
