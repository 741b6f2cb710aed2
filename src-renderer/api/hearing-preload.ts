import { call } from './client';

/**
 * A hearing opened straight from its address (a reload, a link) starts loading as the app
 * starts, beside the session check, instead of after it: the officer waits for one round trip.
 * Used once, and only when it succeeded; otherwise (signed out, locked) the screen loads anew.
 */
let preloaded: { hearingId: string; result: ReturnType<typeof loadHearing> } | null = null;

function loadHearing(hearingId: string) {
  return call('hearings.load', { hearingId });
}

export function preloadHearing(hearingId: string): void {
  preloaded = { hearingId, result: loadHearing(hearingId) };
}

export async function takeLoadedHearing(hearingId: string) {
  const early = preloaded?.hearingId === hearingId ? preloaded.result : null;
  preloaded = null;
  const result = early ? await early : null;
  return result?.ok ? result : loadHearing(hearingId);
}
