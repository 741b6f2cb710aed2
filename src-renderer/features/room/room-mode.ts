import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * Room mode: the victim may sit beside the officer and see the screen, so the officer's
 * guidance, the risk result, red flags and signals stay collapsed until the officer reveals
 * them. On by default: forgetting to switch it on must never show her the officer's texts.
 *
 * One module-level state rather than a context: the top bar (which holds the toggle and the
 * shortcut) and the hearing screen share no provider of their own.
 */
export interface RoomModeState {
  on: boolean;
  /**
   * Counts each switch to on. A reveal remembers the epoch it was made in, so switching room
   * mode on again collapses everything revealed before, without an effect per disclosure.
   */
  epoch: number;
}

/** F2 types nothing and is bound to nothing in Chromium or Electron's window. */
export const ROOM_MODE_KEY = 'F2';

let state: RoomModeState = { on: true, epoch: 0 };
const listeners = new Set<() => void>();

export function setRoomMode(on: boolean): void {
  if (on === state.on) return;
  state = { on, epoch: on ? state.epoch + 1 : state.epoch };
  for (const listener of listeners) listener();
}

export function toggleRoomMode(): void {
  setRoomMode(!state.on);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRoomMode(): RoomModeState {
  return useSyncExternalStore(subscribe, () => state);
}

/**
 * The officer's one key, anywhere in the signed-in app. Each sign-in and each unlock starts in
 * room mode again: whoever sits beside the screen then is not known.
 */
export function useRoomModeShortcut(): void {
  useEffect(() => {
    setRoomMode(true);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== ROOM_MODE_KEY || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      // Held down, the key would flicker between the two modes.
      if (!event.repeat) toggleRoomMode();
    };
    document.addEventListener('keydown', onKey, { capture: true });
    return () => document.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}

/**
 * One disclosure of what room mode hides: open when room mode is off, or once the officer
 * revealed it since room mode was last switched on.
 */
export function useRoomReveal(): { hidden: boolean; open: boolean; toggle: () => void } {
  const { on, epoch } = useRoomMode();
  const [revealedIn, setRevealedIn] = useState<number | null>(null);
  const open = !on || revealedIn === epoch;
  return { hidden: on, open, toggle: () => setRevealedIn(open ? null : epoch) };
}
