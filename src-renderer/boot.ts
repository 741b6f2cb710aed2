import { parseRoute } from './app/routes';
import { preloadHearing } from './api/hearing-preload';
import { preloadStart } from './api/start-preload';
import { officerCatalog } from './officer-catalogs';
import { storedUiLanguage, systemUiLanguage } from './preferences';

/*
 * Imported first by main.tsx, so this runs before React and the rest of the renderer are
 * evaluated: the interface language's catalog, the session and a hearing opened from its address
 * are on their way while the code starts.
 */
void officerCatalog(storedUiLanguage() ?? systemUiLanguage()).catch(() => undefined);
preloadStart();
const route = parseRoute(location.hash);
if (route.screen === 'hearing') preloadHearing(route.hearingId);
