import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase, sqliteFileName } from '../../src/store/database.js';
import {
  checkpointIntervalMs,
  fallbackAutocheckpointPages,
} from '../../src/store/sqlite-checkpointer.js';

// SQLite only: PostgreSQL has no write-ahead log of ours to checkpoint.
test('with background checkpoints, the WAL reaches the database file without a commit doing it', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-checkpoint-'));
  const handle = openDatabase({ databaseUrl: undefined, dataDir, backgroundCheckpoints: true });
  try {
    const file = path.join(dataDir, sqliteFileName);
    const { rows } = await sql<{
      wal_autocheckpoint: number;
    }>`pragma wal_autocheckpoint`.execute(handle.db);
    assert.equal(rows[0]?.wal_autocheckpoint, fallbackAutocheckpointPages);
    await sql`create table filler (id integer primary key, body text not null)`.execute(handle.db);
    const sizeBefore = statSync(file).size;
    // About 2,000 pages: past SQLite's own threshold of 1,000, below the fallback's.
    const body = 'x'.repeat(3000);
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 2000; i++)
        await sql`insert into filler (body) values (${body})`.execute(trx);
    });
    assert.ok(statSync(file).size < sizeBefore + 1024 * 1024, 'the commit did not checkpoint');
    await sleep(checkpointIntervalMs * 3);
    assert.ok(statSync(file).size > sizeBefore + 5 * 1024 * 1024, 'the thread checkpointed');
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('without them (commands), SQLite checkpoints as usual', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-checkpoint-'));
  const handle = openDatabase({ databaseUrl: undefined, dataDir });
  try {
    const { rows } = await sql<{
      wal_autocheckpoint: number;
    }>`pragma wal_autocheckpoint`.execute(handle.db);
    assert.equal(rows[0]?.wal_autocheckpoint, 1000);
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
