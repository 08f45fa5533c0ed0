import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A fresh, empty PostgreSQL schema and a URL whose search_path points at it. */
export interface PostgresSchema {
  schema: string;
  databaseUrl: string;
  drop(): Promise<void>;
}

/** Creates `lk_bench_<random>` on the server at `url`; `drop()` removes it with everything in it. */
export async function createPostgresSchema(url: string): Promise<PostgresSchema> {
  const schema = `lk_bench_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema ${schema}`);
  const withPath = new URL(url);
  withPath.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    databaseUrl: withPath.toString(),
    drop: () => run(`drop schema if exists ${schema} cascade`),
  };
}
