import de from '../../forms/catalogs/officer/de.json';
import en from '../../forms/catalogs/officer/en.json';
import fr from '../../forms/catalogs/officer/fr.json';
import nl from '../../forms/catalogs/officer/nl.json';
import type { Catalogs } from './startup-messages';

// Bundled into main at build time, so a start-up error can be shown even when no file beside
// the app can be read.
export const officerCatalogs: Catalogs = { fr, nl, de, en };
