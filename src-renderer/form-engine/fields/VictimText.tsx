import { useTranslation } from 'react-i18next';
import { victimText } from '../../../forms/victim-catalogs';
import { findCatalog, useVictimCatalogs } from '../../api/victim-catalogs';
import { languageName } from '../../language-option';
import type { HearingLanguages } from './types';

/** What she reads: in her language when a catalog exists, and in the procedure language beside it. */
export function VictimText({ textKey, languages }: { textKey: string; languages: HearingLanguages }) {
  const { t } = useTranslation();
  const catalogs = useVictimCatalogs();
  const hers = findCatalog(catalogs, languages.victim);
  const procedure = languages.procedure !== languages.victim ? findCatalog(catalogs, languages.procedure) : undefined;
  const shown = [hers, procedure].flatMap((catalog) => {
    const text = victimText(catalog, textKey);
    return catalog && text ? [{ catalog, text }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <div className="victim-text">
      {shown.map(({ catalog, text }) => (
        // Her language's own direction (Arabic, Persian and Pashto right to left); the officer's label stays in the officer's.
        <p key={catalog.meta.language} dir={catalog.meta.direction}>
          <span className="victim-text-language">{languageName(t, catalog.meta.language)}</span>{' '}
          <span lang={catalog.meta.language} dir={catalog.meta.direction}>
            {text}
          </span>
        </p>
      ))}
    </div>
  );
}
