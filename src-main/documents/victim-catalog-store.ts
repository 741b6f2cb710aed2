import fs from 'node:fs';
import path from 'node:path';
import { parseVictimCatalog, type VictimCatalog } from '../../forms/victim-catalogs';

export interface RefusedCatalog {
  file: string;
  problems: string[];
}

export interface VictimCatalogStore {
  /** Every valid catalog, in file-name order. */
  all(): VictimCatalog[];
  get(language: string): VictimCatalog | undefined;
  /** Files that are not valid catalogs, with the reasons: the administrator's view shows them. */
  refused(): RefusedCatalog[];
}

/**
 * The victim catalogs, read once from their folder (`forms/catalogs/victim/` in development, the
 * app's resources when packaged). A broken file never stops the app: its language is refused
 * and shown as such, so nothing half-translated reaches a victim.
 */
export function loadVictimCatalogs(dir: string): VictimCatalogStore {
  const catalogs: VictimCatalog[] = [];
  const refused: RefusedCatalog[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      refused.push({ file, problems: [`not JSON: ${(error as Error).message}`] });
      continue;
    }
    const parsed = parseVictimCatalog(raw);
    if (!parsed.ok) {
      refused.push({ file, problems: parsed.problems });
      continue;
    }
    const { language } = parsed.catalog.meta;
    if (file !== `${language}.json`)
      refused.push({ file, problems: [`declares the language ${language}: name it ${language}.json`] });
    else if (catalogs.some((c) => c.meta.language === language))
      refused.push({ file, problems: [`a second catalog for ${language}`] });
    else catalogs.push(parsed.catalog);
  }
  return {
    all: () => catalogs,
    get: (language) => catalogs.find((c) => c.meta.language === language),
    refused: () => refused,
  };
}
