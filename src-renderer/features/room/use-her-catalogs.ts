import type { VictimCatalog } from '../../../forms/victim-catalogs';
import { findCatalog, useVictimCatalogs } from '../../api/victim-catalogs';
import type { HearingLanguages } from '../../form-engine/fields/types';

/**
 * The catalogs of her screen: hers, or the procedure language's when hers has none (the rights
 * step already warns the officer then); and the procedure language's when it differs, printed
 * smaller beside hers as her copy does. `shown` is undefined until the catalogs are loaded.
 */
export function useHerCatalogs(languages: HearingLanguages): {
  shown: VictimCatalog | undefined;
  beside: VictimCatalog | undefined;
} {
  const catalogs = useVictimCatalogs();
  const hers = findCatalog(catalogs, languages.victim);
  const procedure = findCatalog(catalogs, languages.procedure);
  const shown = hers ?? procedure;
  return { shown, beside: procedure && procedure !== shown ? procedure : undefined };
}
