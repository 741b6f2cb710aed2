import de from '../../forms/catalogs/officer/de.json';
import en from '../../forms/catalogs/officer/en.json';
import fr from '../../forms/catalogs/officer/fr.json';
import nl from '../../forms/catalogs/officer/nl.json';
import { fillPlaceholders, textAt } from '../../forms/catalog-text';

const CATALOGS: Record<string, unknown> = { fr, nl, de, en };

export type OfficerText = (key: string, values?: Record<string, string | number>) => string;

/**
 * The officer catalogs for documents in the procedure language (the prosecutor, the Immigration
 * Office, the supervisor): the renderer's keys and `{{name}}` placeholders, with i18next's
 * `_one`/`_other` plural suffixes. A missing key fails loudly: a document never prints a key.
 */
export function officerText(language: string): OfficerText {
  const catalog = CATALOGS[language] ?? CATALOGS.fr;
  return (key, values = {}) => {
    const plural = typeof values.count === 'number' ? textAt(catalog, `${key}_${values.count === 1 ? 'one' : 'other'}`) : undefined;
    const found = plural ?? textAt(catalog, key);
    if (found === undefined) throw new Error(`The officer catalog ${language} has no text ${key}`);
    return fillPlaceholders(found, values);
  };
}
