import type { Kysely } from 'kysely';
import { listAaguidOverrides } from '../../store/aaguid-override.store.js';
import type { Database } from '../../store/schema.js';
import {
  type AaguidCatalog,
  type AaguidEntry,
  builtInAaguids,
  createAaguidCatalog,
} from './aaguid-catalog.js';

/**
 * The catalog the engine uses: the built-in dataset plus the imported one from the database
 * (shared by every node). Built once at start; an import takes effect on the next start.
 */
export async function loadAaguidCatalog(deps: { db: Kysely<Database> }): Promise<AaguidCatalog> {
  const overrides = new Map<string, AaguidEntry>();
  for (const row of await listAaguidOverrides(deps.db)) {
    overrides.set(row.aaguid, { name: row.name, iconLight: row.iconLight, iconDark: row.iconDark });
  }
  return createAaguidCatalog({ builtIn: builtInAaguids(), overrides });
}
