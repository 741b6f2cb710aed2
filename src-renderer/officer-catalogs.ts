import de from '../forms/catalogs/officer/de.json?url';
import en from '../forms/catalogs/officer/en.json?url';
import fr from '../forms/catalogs/officer/fr.json?url';
import nl from '../forms/catalogs/officer/nl.json?url';
import type { OfficerUiLanguage } from '../domain/languages';

/**
 * Each interface language is a JSON file of its own, fetched when first used: an officer works
 * in one language, and the three others would only lengthen every start. Fetched rather than
 * imported, so the request leaves at once (src-renderer/boot.ts) instead of after the renderer's
 * code has been evaluated. A language asked for twice is fetched once.
 */
const URLS: Record<OfficerUiLanguage, string> = { fr, nl, de, en };

const loading = new Map<OfficerUiLanguage, Promise<object>>();

async function fetchCatalog(language: OfficerUiLanguage): Promise<object> {
  const response = await fetch(URLS[language]);
  if (!response.ok) throw new Error(`The ${language} catalog could not be loaded (${response.status})`);
  return (await response.json()) as object;
}

export function officerCatalog(language: OfficerUiLanguage): Promise<object> {
  let found = loading.get(language);
  if (!found) {
    found = fetchCatalog(language);
    // A failed fetch is tried again next time.
    found.catch(() => loading.delete(language));
    loading.set(language, found);
  }
  return found;
}
