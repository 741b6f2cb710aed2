import type { HearingDeskBridge } from '../../src-main/api/channels';
import type { ApiError, Channel, ChannelInput, ChannelOutput, Envelope } from '../../src-main/api/contract';

/**
 * The renderer's only way to reach main. In Electron the preload exposes `window.hearingDesk`;
 * in the browser host the same calls go over loopback HTTP to the same dispatcher.
 */
function browserHostBridge(): HearingDeskBridge {
  // Each tab is its own client, like an Electron window; the id lives as long as the tab.
  const storageKey = 'hearing-desk.client-id';
  const clientId = sessionStorage.getItem(storageKey) ?? crypto.randomUUID();
  sessionStorage.setItem(storageKey, clientId);
  return {
    async invoke(channel, input) {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hearing-Desk-Client': clientId },
        body: JSON.stringify({ channel, input }),
        credentials: 'same-origin',
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
    on() {
      // The browser host has no operating-system events to forward.
      return () => {};
    },
  };
}

const bridge: HearingDeskBridge = (globalThis as { hearingDesk?: HearingDeskBridge }).hearingDesk ?? browserHostBridge();

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

const sessionLostListeners = new Set<() => void>();

/** Never throws: a broken transport comes back as a TRANSPORT error the UI can translate. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
  try {
    const result = await bridge.invoke(channel, input);
    if (isEnvelope(result)) {
      // Main locked or ended the session (idle backstop, lockout): the app must show it at once.
      if (!result.ok && (result.error.code === 'SESSION_LOCKED' || result.error.code === 'NOT_SIGNED_IN')) {
        for (const listener of sessionLostListeners) listener();
      }
      return result as Envelope<ChannelOutput<C>>;
    }
    return { ok: false, error: { code: 'TRANSPORT', message: 'Malformed answer from the application' } };
  } catch (error) {
    return { ok: false, error: { code: 'TRANSPORT', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Main changed the session (locked, signed out) or refused a call for that reason. */
export function onSessionChanged(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  const unsubscribe = bridge.on('session.changed', () => listener());
  return () => {
    sessionLostListeners.delete(listener);
    unsubscribe();
  };
}

export type { ApiError };
