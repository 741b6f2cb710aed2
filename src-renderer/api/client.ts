import type { HearingDeskBridge } from '../../src-main/api/channels';
import type { ApiError, Channel, ChannelInput, ChannelOutput, Envelope } from '../../src-main/api/contract';

/**
 * The renderer's only way to reach main. In Electron the preload exposes `window.hearingDesk`;
 * in the browser host the same calls go over loopback HTTP to the same dispatcher.
 */
function browserClientId(): string {
  // Each tab is its own client, like an Electron window; the id lives as long as the tab.
  const storageKey = 'hearing-desk.client-id';
  const clientId = sessionStorage.getItem(storageKey) ?? crypto.randomUUID();
  sessionStorage.setItem(storageKey, clientId);
  return clientId;
}

function browserHostBridge(): HearingDeskBridge {
  const clientId = browserClientId();
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

const electronBridge = (globalThis as { hearingDesk?: HearingDeskBridge }).hearingDesk;
const bridge: HearingDeskBridge = electronBridge ?? browserHostBridge();

/**
 * Evidence files: in Electron, main opens its own file dialog (evidence.importFiles); in the
 * browser host, the page uploads the file the officer picked (uploadEvidenceFile).
 */
export const evidenceFilesByUpload = electronBridge === undefined;

/**
 * Documents: in Electron, main prints through the system dialog and saves PDFs through its own
 * save dialog; in the browser host, the page receives the PDF to open or download.
 */
export const documentsThroughSystemDialogs = electronBridge !== undefined;

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

/**
 * Browser host only: sends one file as the raw body of POST /api/evidence/upload, which main
 * streams into the evidence store. The browser reads the file from disk as it sends it (nothing
 * is loaded whole); XMLHttpRequest rather than fetch, because only it reports upload progress.
 * Never throws, like `call`.
 */
export function uploadEvidenceFile(
  input: { hearingId: string; itemId: string; file: File },
  onProgress: (sent: number, total: number) => void,
): Promise<Envelope<ChannelOutput<'evidence.importFiles'>>> {
  return new Promise((resolve) => {
    const transport = (message: string) => resolve({ ok: false, error: { code: 'TRANSPORT', message } });
    const request = new XMLHttpRequest();
    request.open(
      'POST',
      `/api/evidence/upload?${new URLSearchParams({ hearingId: input.hearingId, itemId: input.itemId, name: input.file.name }).toString()}`,
    );
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('X-Hearing-Desk-Client', browserClientId());
    request.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : input.file.size);
    request.onerror = () => transport('The upload did not reach the application');
    request.onabort = () => transport('The upload was interrupted');
    request.onload = () => {
      let result: unknown;
      try {
        result = JSON.parse(request.responseText) as unknown;
      } catch {
        return transport(`HTTP ${request.status}`);
      }
      if (!isEnvelope(result)) return transport('Malformed answer from the application');
      if (!result.ok && (result.error.code === 'SESSION_LOCKED' || result.error.code === 'NOT_SIGNED_IN')) {
        for (const listener of sessionLostListeners) listener();
      }
      resolve(result as Envelope<ChannelOutput<'evidence.importFiles'>>);
    };
    request.send(input.file);
  });
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
