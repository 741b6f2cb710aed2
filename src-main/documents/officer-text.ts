import de from '../../forms/catalogs/officer/de.json';
import en from '../../forms/catalogs/officer/en.json';
import fr from '../../forms/catalogs/officer/fr.json';
import nl from '../../forms/catalogs/officer/nl.json';
import { fillPlaceholders, textAt } from '../../forms/catalog-text';

/**
 * The officer catalogs, bundled into main: documents in the procedure language read them, and
 * the Electron shell's start-up dialog and file dialog (src-main/electron/officer-catalogs.ts).
 */
export const OFFICER_CATALOGS = { fr, nl, de, en };

export type OfficerText = (key: string, values?: Record<string, string | number>) => string;

/**
 * The officer catalogs for documents in the procedure language (the prosecutor, the Immigration
 * Office, the supervisor): the renderer's keys and `{{name}}` placeholders, with i18next's
 * `_one`/`_other` plural suffixes. A missing key fails loudly: a document never prints a key.
 */
export function officerText(language: string): OfficerText {
  const catalog = OFFICER_CATALOGS[language as keyof typeof OFFICER_CATALOGS] ?? OFFICER_CATALOGS.fr;
  return (key, values = {}) => {
    const plural =
      typeof values.count === 'number' ? textAt(catalog, `${key}_${values.count === 1 ? 'one' : 'other'}`) : undefined;
    const found = plural ?? textAt(catalog, key);
    if (found === undefined) throw new Error(`The officer catalog ${language} has no text ${key}`);
    return fillPlaceholders(found, values);
  };
}
