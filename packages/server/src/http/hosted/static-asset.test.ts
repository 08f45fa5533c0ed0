import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLazyAsset } from './static-asset.js';

test('concurrent first uses of a lazy asset share one load', async () => {
  let loads = 0;
  const asset = createLazyAsset(async () => {
    loads++;
    await new Promise((resolve) => setTimeout(resolve, 10));
    return 'body';
  });
  const results = await Promise.all([asset(), asset(), asset()]);
  assert.equal(loads, 1);
  assert.equal(results[0]?.body.toString(), 'body');
  assert.equal(results[0]?.etag, results[2]?.etag);
  assert.equal(results[0]?.version, results[0]?.etag.slice(1, 17));
  await asset();
  assert.equal(loads, 1);
});

test('a failed load is not kept: the next use tries again', async () => {
  let loads = 0;
  const asset = createLazyAsset(async () => {
    loads++;
    if (loads === 1) throw new Error('esbuild failed');
    return 'second';
  });
  await assert.rejects(asset(), /esbuild failed/);
  assert.equal((await asset()).body.toString(), 'second');
  assert.equal(loads, 2);
});
