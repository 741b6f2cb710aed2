import de from '../../forms/catalogs/officer/de.json';
import en from '../../forms/catalogs/officer/en.json';
import fr from '../../forms/catalogs/officer/fr.json';
import nl from '../../forms/catalogs/officer/nl.json';
import { translator, type OfficerKey } from '../../forms/translation';

/**
 * The officer catalogs, bundled into main: documents in the procedure language read them, and
 * the Electron shell's start-up dialog and file dialog (src-main/electron/officer-catalogs.ts).
 */
export const OFFICER_CATALOGS = { fr, nl, de, en };

export type OfficerText = (key: OfficerKey, values?: Record<string, string | number>) => string;

/**
 * The officer catalogs for documents in the procedure language (the prosecutor, the Immigration
 * Office, the supervisor): the renderer's keys, placeholders and plural rules, through the same
 * runtime (forms/translation.ts). A missing key fails loudly: a document never prints a key.
 */
export function officerText(language: string): OfficerText {
  const known = language in OFFICER_CATALOGS ? (language as keyof typeof OFFICER_CATALOGS) : 'fr';
  const translate = translator(known, OFFICER_CATALOGS[known]);
  return (key, values = {}) => {
    const found = translate(key, values);
    if (found === undefined) throw new Error(`The officer catalog ${known} has no text ${key}`);
    return found;
  };
}
