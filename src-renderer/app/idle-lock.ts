import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Locks after `seconds` without keyboard or pointer activity, and at once on Ctrl+Shift+L. */
export function useIdleLock(seconds: number, lock: () => void): void {
  const lockRef = useRef(lock);
  lockRef.current = lock;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => lockRef.current(), seconds * 1000);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        lockRef.current();
      }
    };
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, restart, { passive: true, capture: true });
    document.addEventListener('keydown', onKey, { capture: true });
    restart();
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, restart, { capture: true });
      document.removeEventListener('keydown', onKey, { capture: true });
    };
  }, [seconds]);
}
