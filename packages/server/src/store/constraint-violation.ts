/**
 * Recognises a foreign-key violation from either driver: PostgreSQL SQLSTATE 23503, or
 * better-sqlite3's SQLITE_CONSTRAINT_FOREIGNKEY. Stores use it to turn "the parent row went
 * away under us" into a value instead of an error.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Recognises a unique violation: PostgreSQL 23505, or SQLite's UNIQUE / PRIMARY KEY constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
