import { OFFICER_CATALOGS } from '../documents/officer-text';
import type { Catalogs } from './startup-messages';

// Bundled into main at build time, so a start-up error can be shown even when no file beside
// the app can be read.
export const officerCatalogs: Catalogs = OFFICER_CATALOGS;
