import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RIGHTS } from '../../../forms/definitions/rights.v1';
import { victimText } from '../../../forms/victim-catalogs';
import type { HearingLanguages } from '../../form-engine/fields/types';
import { useHerCatalogs } from './use-her-catalogs';
import { VictimScreen } from './VictimScreen';

/** The rights step's button that turns the screen to her: each right of Art. 15 §2 in her language, in large type. */
export function RightsForVictim({ languages }: { languages: HearingLanguages }) {
  const { t } = useTranslation();
  const { shown, beside } = useHerCatalogs(languages);
  const [open, setOpen] = useState(false);
  return (
    <div className="room-actions">
      <button type="button" onClick={() => setOpen(true)} disabled={!shown}>
        {t('room.victimView.rights')}
      </button>
      {open && shown ? (
        <VictimScreen catalog={shown} titleKey="sections.rights" onClose={() => setOpen(false)}>
          <ol className="victim-screen-rights">
            {RIGHTS.map((right) => (
              <li key={right} data-right={right}>
                <p lang={shown.meta.language} dir={shown.meta.direction}>
                  {victimText(shown, `rights.${right}`)}
                </p>
                {beside ? (
                  <p className="victim-screen-beside" lang={beside.meta.language} dir={beside.meta.direction}>
                    {victimText(beside, `rights.${right}`)}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </VictimScreen>
      ) : null}
    </div>
  );
}
