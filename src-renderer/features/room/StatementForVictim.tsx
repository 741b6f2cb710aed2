import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translator } from '../../../forms/translation';
import type { HearingLanguages } from '../../form-engine/fields/types';
import { useHerCatalogs } from './use-her-catalogs';
import { VictimScreen } from './VictimScreen';

/**
 * Reading her statement back on the screen turned to her: the heading in her language, and the
 * text as typed in the procedure language (said so in her language when it is another one).
 */
export function StatementForVictim({ text, languages }: { text: string; languages: HearingLanguages }) {
  const { t } = useTranslation();
  const { shown, beside } = useHerCatalogs(languages);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={!shown || text.trim() === ''}>
        {t('room.victimView.statement')}
      </button>
      {open && shown ? (
        <VictimScreen catalog={shown} titleKey="sections.statement" onClose={() => setOpen(false)}>
          {beside ? (
            <p className="victim-screen-note" lang={shown.meta.language} dir={shown.meta.direction}>
              {translator(shown.meta.language, shown)('copy.typedInProcedureLanguage', {
                language: beside.meta.name,
              })}
            </p>
          ) : null}
          <div
            className="victim-screen-statement"
            lang={languages.procedure && languages.procedure !== 'other' ? languages.procedure : undefined}
            dir={beside?.meta.direction ?? 'auto'}
          >
            {text.split('\n').map((line, index) => (
              <p key={index}>{line || '\u00a0'}</p>
            ))}
          </div>
        </VictimScreen>
      ) : null}
    </>
  );
}
