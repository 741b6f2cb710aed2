import { call } from './client';

function askStart() {
  // Both at once: the first screen waits for one round trip, not two.
  return Promise.all([call('setup.status', {}), call('session.current', {})]);
}

let early: ReturnType<typeof askStart> | null = null;

/** Asked from src-renderer/boot.ts, before the renderer's code has been evaluated. */
export function preloadStart(): void {
  early = askStart();
}

/** Whether the app must be set up, and the session: the early answer once, then fresh ones. */
export function takeStart(): ReturnType<typeof askStart> {
  const answer = early ?? askStart();
  early = null;
  return answer;
}
