import type { AaguidOverrideRecord } from '../../store/aaguid-override.store.js';
import { replaceAaguidOverrides } from '../../store/aaguid-override.store.js';
import type { CoreDeps } from '../deps.js';
import { parseAaguidDataset } from './aaguid-catalog.js';

export interface ImportAaguidsResult {
  imported: number;
  importedAt: number;
}

/**
 * Replaces the imported AAGUID dataset with `dataset` (the community format, already parsed
 * from JSON). Every entry is validated first; the first bad one fails the whole import and
 * nothing is written. The old set is replaced in one transaction.
 */
export async function importAaguids(
  deps: CoreDeps,
  dataset: unknown,
): Promise<ImportAaguidsResult> {
  const entries = parseAaguidDataset(dataset);
  const importedAt = deps.clock.now();
  const records: AaguidOverrideRecord[] = [...entries].map(([aaguid, entry]) => ({
    aaguid,
    ...entry,
    importedAt,
  }));
  await deps.db.transaction().execute((trx) => replaceAaguidOverrides(trx, records));
  return { imported: records.length, importedAt };
}
