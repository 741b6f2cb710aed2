import { useTranslation } from 'react-i18next';
import { useChannel } from '../data/use-channel';

/**
 * Where this workstation keeps what she types: on itself, or on the zone's server (named, so that
 * the officer and the zone's IT know which one when something goes wrong).
 */
export function ConnectionLabel() {
  const { t } = useTranslation();
  const { data } = useChannel('setup.connection', {});
  if (!data) return null;
  return (
    <small className="connection" data-mode={data.mode}>
      {data.mode === 'zone' ? t('app.connectionZone', { server: data.server }) : t('app.connectionStandalone')}
    </small>
  );
}
