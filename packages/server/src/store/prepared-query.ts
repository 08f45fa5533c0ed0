import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Named arguments of a prepared query (an object of values): each becomes a bound parameter. */
export type QueryArgs = object;

/** A query built once per SQL dialect, then run with new argument values only. */
export type PreparedQuery<Args extends QueryArgs, Row> = (
  db: Kysely<Database>,
  args: Args,
) => Promise<{ rows: Row[]; numAffectedRows: bigint | undefined }>;

/** Where each bound parameter of the compiled query comes from. */
type Slot = { arg: string } | { constant: unknown };

interface Template {
  compiled: CompiledQuery;
  slots: Slot[];
}

/**
 * Makes a query whose SQL Kysely builds and compiles once per dialect, instead of on every
 * call. Building a query (an immutable operation tree, then a compiler pass) costs more CPU
 * than running a short indexed statement on SQLite, and a passkey login runs about fifteen of
 * them; the hot store functions use this.
 *
 * `build` is called once with a stand-in for every argument and must give every argument
 * to Kysely as a value (`where(col, '=', args.x)`, `values({ col: args.x })`), never decide
 * the query's shape by an argument's value, and never spread a list into `in (…)`. The first
 * build checks that every argument became a bound parameter and fails loudly otherwise.
 */
export function preparedQuery<Args extends QueryArgs, Row>(
  build: (db: Kysely<Database>, args: Args) => Compilable<Row>,
): PreparedQuery<Args, Row> {
  // One template per dialect adapter class (SQLite and PostgreSQL differ in placeholders).
  const templates = new Map<unknown, Template>();
  return async (db, args) => {
    const dialect = db.getExecutor().adapter.constructor;
    let template = templates.get(dialect);
    if (!template) {
      template = compileTemplate(db, args, build);
      templates.set(dialect, template);
    }
    const parameters = template.slots.map((slot) =>
      'arg' in slot ? (args as Record<string, unknown>)[slot.arg] : slot.constant,
    );
    const result = await db.executeQuery<Row>({ ...template.compiled, parameters });
    return { rows: result.rows, numAffectedRows: result.numAffectedRows };
  };
}

const marker = '\u0000lk-arg:';

function compileTemplate<Args extends QueryArgs, Row>(
  db: Kysely<Database>,
  args: Args,
  build: (db: Kysely<Database>, args: Args) => Compilable<Row>,
): Template {
  const names = Object.keys(args);
  const standIns = Object.fromEntries(
    names.map((name) => [name, `${marker}${name}`]),
  ) as unknown as Args;
  const compiled = build(db, standIns).compile();
  const seen = new Map<string, number>();
  const slots: Slot[] = compiled.parameters.map((value) => {
    if (typeof value === 'string' && value.startsWith(marker)) {
      const arg = value.slice(marker.length);
      seen.set(arg, (seen.get(arg) ?? 0) + 1);
      return { arg };
    }
    return { constant: value };
  });
  const problems = names.filter((name) => !seen.has(name));
  if (problems.length > 0 || compiled.sql.includes(marker)) {
    throw new Error(
      `preparedQuery: arguments ${problems.join(', ') || '(inlined)'} must each become bound parameters in: ${compiled.sql}`,
    );
  }
  return { compiled, slots };
}
