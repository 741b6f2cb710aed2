import { useTranslation } from 'react-i18next';
import { ROOM_MODE_KEY, toggleRoomMode, useRoomMode, useRoomModeShortcut } from './room-mode';
import './room.css';

/**
 * The top bar's switch, always in view while a hearing may be on screen: its state in words and
 * colour, the shortcut beside it, and a status line for screen readers when it changes.
 */
export function RoomModeToggle() {
  const { t } = useTranslation();
  const { on } = useRoomMode();
  useRoomModeShortcut();
  return (
    <span className="room-mode">
      <button
        type="button"
        className={on ? 'room-mode-toggle on' : 'room-mode-toggle'}
        aria-pressed={on}
        aria-keyshortcuts={ROOM_MODE_KEY}
        title={t('room.shortcut', { key: ROOM_MODE_KEY })}
        onClick={toggleRoomMode}
      >
        {t('room.mode')}{' '}
        <span className="room-mode-state" aria-hidden="true">
          {on ? t('room.on') : t('room.off')}
        </span>
      </button>
      <span className="visually-hidden" role="status">
        {on ? t('room.announceOn') : t('room.announceOff')}
      </span>
    </span>
  );
}
