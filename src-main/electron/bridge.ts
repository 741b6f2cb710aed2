import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  IPC_EVENT,
  IPC_INVOKE,
  type EventName,
  type HearingDeskBridge,
} from '../api/channels';

/**
 * What the preload needs from ipcRenderer. The renderer never receives this object, only the
 * bridge built on it: handing over ipcRenderer would let a page send on any channel.
 */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const channels: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const events: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isAllowedChannel(channel: unknown): channel is string {
  return typeof channel === 'string' && channels.has(channel);
}

export function isAllowedEvent(event: unknown): event is EventName {
  return typeof event === 'string' && events.has(event);
}

/** `window.hearingDesk`: two functions over an allow-list, nothing else. */
export function createBridge(ipc: PreloadIpc): HearingDeskBridge {
  return {
    invoke(channel: string, input: unknown): Promise<unknown> {
      if (!isAllowedChannel(channel)) {
        // The same envelope main would give, so the renderer's error handling has one path.
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${String(channel).slice(0, 80)}` },
        });
      }
      return ipc.invoke(IPC_INVOKE, channel, input);
    },
    on(event: EventName, listener: (payload: unknown) => void): () => void {
      if (!isAllowedEvent(event)) throw new Error(`Unknown event ${String(event).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
      // The IpcRendererEvent stays here: it carries `sender`, which is ipcRenderer itself.
      const forward = (_ipcEvent: unknown, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(IPC_EVENT, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(IPC_EVENT, forward);
      };
    },
  };
}
