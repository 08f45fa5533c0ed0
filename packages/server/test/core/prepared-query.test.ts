import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { preparedQuery } from '../../src/store/prepared-query.js';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/databases.js';

// preparedQuery must run exactly the query Kysely would build for the same arguments, on
// both dialects, inside and outside transactions, and refuse a build it cannot template.
describeEachDatabase('prepared queries', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase(kind);
    const db = database.handle.db;
    await db
      .insertInto('rate_limit_counters')
      .values([
        { key: 'a', count: 1, window_started_at: 0, expires_at: 100 },
        { key: 'b', count: 2, window_started_at: 0, expires_at: 200 },
        { key: 'c', count: 3, window_started_at: 0, expires_at: 300 },
      ])
      .execute();
  });
  after(() => database.cleanup());

  let builds = 0;
  const liveCounter = preparedQuery((db, args: { key: string; now: number }) => {
    builds++;
    return db
      .selectFrom('rate_limit_counters')
      .select(['key', 'count'])
      .where('key', '=', args.key)
      .where('expires_at', '>', args.now)
      .where('count', '<', 1000); // a constant parameter stays as it was built
  });

  test('each call binds its own arguments; the query is built once per dialect', async () => {
    const db = database.handle.db;
    const before = builds;
    assert.deepEqual((await liveCounter(db, { key: 'b', now: 150 })).rows, [
      { key: 'b', count: 2 },
    ]);
    assert.deepEqual((await liveCounter(db, { key: 'b', now: 250 })).rows, []);
    assert.deepEqual((await liveCounter(db, { key: 'c', now: 0 })).rows, [{ key: 'c', count: 3 }]);
    assert.deepEqual((await liveCounter(db, { key: 'zz', now: 0 })).rows, []);
    assert.ok(builds - before <= 1, `built ${builds - before} times`);
  });

  const bump = preparedQuery((db, args: { key: string; by: number; restart: number | null }) =>
    db
      .updateTable('rate_limit_counters')
      .set({
        count: sql<number>`count + ${args.by}`,
        // The same argument twice, and a null value.
        window_started_at: sql<number>`coalesce(${args.restart}, window_started_at + ${args.by})`,
      })
      .where('key', '=', args.key),
  );

  test('writes report affected rows, also in a transaction that rolls back', async () => {
    const db = database.handle.db;
    assert.equal(Number((await bump(db, { key: 'a', by: 5, restart: null })).numAffectedRows), 1);
    assert.equal(
      Number((await bump(db, { key: 'none', by: 5, restart: null })).numAffectedRows),
      0,
    );
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await bump(trx, { key: 'a', by: 100, restart: null });
        throw new Error('roll back');
      }),
      /roll back/,
    );
    const row = await db
      .selectFrom('rate_limit_counters')
      .select(['count', 'window_started_at'])
      .where('key', '=', 'a')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { count: Number(row.count), started: Number(row.window_started_at) },
      { count: 6, started: 5 },
    );
    await bump(db, { key: 'c', by: 1, restart: 42 });
    const restarted = await db
      .selectFrom('rate_limit_counters')
      .select('window_started_at')
      .where('key', '=', 'c')
      .executeTakeFirstOrThrow();
    assert.equal(Number(restarted.window_started_at), 42);
  });

  test('a build that does not bind an argument is refused when first used', async () => {
    const unbound = preparedQuery((db, _args: { key: string; unused: number }) =>
      db.selectFrom('rate_limit_counters').select('key').where('key', '=', _args.key),
    );
    await assert.rejects(unbound(database.handle.db, { key: 'a', unused: 1 }), /unused/);
    const inlined = preparedQuery((db, args: { key: string }) =>
      db
        .selectFrom('rate_limit_counters')
        .select('key')
        .where(sql.raw<boolean>(`key = '${args.key}'`)),
    );
    await assert.rejects(inlined(database.handle.db, { key: 'a' }), /bound parameters/);
  });
});
