import { readFile, stat } from 'node:fs/promises';
import { Command } from 'commander';
import { invalidField } from '../../core/errors.js';
import { normalizeAaguid } from '../../core/passkeys/aaguid-catalog.js';
import { importAaguids } from '../../core/passkeys/import-aaguids.js';
import { loadAaguidCatalog } from '../../core/passkeys/load-aaguid-catalog.js';
import { addDatabaseOptions, type DatabaseFlags, withDatabase } from '../database-options.js';
import { formatTable, formatTime, printResult } from '../output.js';

/** Largest file `aaguids import` reads (the community dataset with icons is a few MB). */
const maxFileBytes = 64 * 1024 * 1024;

async function readDataset(file: string): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw invalidField('file', `cannot read ${file}`);
  }
  if (size > maxFileBytes) throw invalidField('file', `must be at most ${maxFileBytes} bytes`);
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidField('file', `is not valid JSON (${(error as Error).message})`);
  }
}

export function aaguidsCommand(): Command {
  const aaguids = new Command('aaguids').description(
    'authenticator names and icons by AAGUID: import a dataset, list and show entries',
  );

  addDatabaseOptions(aaguids.command('import'))
    .description(
      'replace the imported AAGUID dataset with FILE ({"<aaguid>": {"name", "icon_light", "icon_dark"}}); takes effect when servers start',
    )
    .argument('<file>', 'JSON file in the passkey-authenticator-aaguids format')
    .action(async (file: string, flags: DatabaseFlags) => {
      // Read and parse before touching the database: a bad file never opens it.
      const dataset = await readDataset(file);
      await withDatabase(flags, async (deps) => {
        const result = await importAaguids(deps, dataset);
        printResult(
          flags.json ?? false,
          { imported: result.imported, importedAt: formatTime(result.importedAt) },
          () =>
            `Imported ${result.imported} AAGUID entries; servers use them from their next start.`,
        );
      });
    });

  addDatabaseOptions(aaguids.command('list'))
    .description('list every known AAGUID: imported entries, then the built-in dataset')
    .action(async (flags: DatabaseFlags) => {
      await withDatabase(flags, async (deps) => {
        const entries = (await loadAaguidCatalog(deps)).list();
        printResult(flags.json ?? false, entries, () =>
          formatTable(
            ['AAGUID', 'SOURCE', 'ICONS', 'NAME'],
            entries.map((e) => [
              e.aaguid,
              e.source,
              [e.iconLight && 'light', e.iconDark && 'dark'].filter(Boolean).join('+') || '-',
              e.name,
            ]),
          ),
        );
      });
    });

  addDatabaseOptions(aaguids.command('show'))
    .description('show the name and icons used for one AAGUID (the fallback when unknown)')
    .argument('<aaguid>', 'the AAGUID, 8-4-4-4-12 hexadecimal digits')
    .action(async (value: string, flags: DatabaseFlags) => {
      if (!normalizeAaguid(value)) {
        throw invalidField('aaguid', 'is not an AAGUID (8-4-4-4-12 hexadecimal digits)');
      }
      await withDatabase(flags, async (deps) => {
        const catalog = await loadAaguidCatalog(deps);
        const details = catalog.lookup(value);
        const source = catalog.source(value) ?? 'fallback';
        printResult(flags.json ?? false, { ...details, source }, () =>
          [
            `AAGUID:     ${details.aaguid}`,
            `Name:       ${details.name}`,
            `Source:     ${source}`,
            `Icon light: ${details.iconLight === '' ? '-' : `${details.iconLight.slice(0, 60)}…`}`,
            `Icon dark:  ${details.iconDark === '' ? '-' : `${details.iconDark.slice(0, 60)}…`}`,
          ].join('\n'),
        );
      });
    });

  return aaguids;
}
