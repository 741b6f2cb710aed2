import type { Dispatcher } from '../api/dispatcher';
import type { AppConfig, ZoneConnectionSettings } from '../config';
import { createZoneDispatcher, type ZoneDispatcher, type ZoneDispatcherOptions } from '../zone/zone-dispatcher';
import { readZoneFiles } from '../zone/zone-settings';
import type { AsyncSafeStorage } from './key-store';
import { loadZoneKeys } from './zone-keys';
import { createZoneWorkstation, type ZoneWorkstationDeps } from './zone-workstation';

/**
 * What main.ts puts behind its IPC handler, its session events, the lock on lock-screen and
 * suspend, the window's close and quitting: the standalone AppCore's dispatcher, or in zone mode
 * the workstation that forwards to the zone server. main.ts wires one of the two and nothing else
 * differs.
 */
export interface ShellBackend {
  dispatcher: Pick<Dispatcher, 'dispatch' | 'forgetClient' | 'lockAll' | 'onSessionChanged'>;
  close(): Promise<void>;
}

/** Standalone (no `zone` in config.json) or zone mode, decided by config.json alone. */
export function shellMode(config: AppConfig): 'standalone' | 'zone' {
  return config.zone ? 'zone' : 'standalone';
}

export interface OpenZoneBackendOptions {
  /** The user-data folder: config.json's paths are relative to it; the wrapped keys and the outbox live in it. */
  dataDir: string;
  zone: ZoneConnectionSettings;
  safeStorage: AsyncSafeStorage;
  platform?: NodeJS.Platform;
  log: (message: string, error?: unknown) => void;
  /** This computer's dialogs and printer (main.ts: file-chooser.ts, document-output.ts). */
  local: Omit<ZoneWorkstationDeps, 'zone' | 'log'>;
  /** The zone dispatcher's maker (tests may shorten its timeout); createZoneDispatcher by default. */
  connect?: (connection: Parameters<typeof createZoneDispatcher>[0], options: ZoneDispatcherOptions) => ZoneDispatcher;
}

/**
 * The zone workstation's start: the zone CA and the certificate read and checked (a problem names
 * the config.json setting), the private key and the outbox key unwrapped (taken and wrapped at the
 * first start: zone-keys.ts), the zone dispatcher made with its outbox, the outbox key zeroed.
 * Nothing is sent to the server here: a server that cannot be reached is the screen's to say.
 */
export async function openZoneBackend(options: OpenZoneBackendOptions): Promise<ShellBackend> {
  const files = readZoneFiles(options.zone, options.dataDir, 'config.json zone: ');
  const keys = await loadZoneKeys({
    dataDir: options.dataDir,
    certificate: files.certificate,
    keyFile: files.keyFile,
    safeStorage: options.safeStorage,
    ...(options.platform ? { platform: options.platform } : {}),
    log: (message) => options.log(message),
  });
  let zone: ZoneDispatcher;
  try {
    zone = (options.connect ?? createZoneDispatcher)(
      { serverUrl: files.serverUrl, ca: files.ca, certificate: files.certificate, key: keys.privateKey },
      { outbox: { file: keys.outboxFile, key: keys.outboxKey } },
    );
  } finally {
    // The dispatcher has what its outbox needs; nothing in main reads this key again.
    keys.outboxKey.fill(0);
  }
  const workstation = createZoneWorkstation({ zone, ...options.local, log: options.log });
  return {
    dispatcher: {
      dispatch: workstation.dispatch,
      forgetClient: (clientId) => zone.forgetClient(clientId),
      lockAll: () => zone.lockAll(),
      onSessionChanged: (listener) => zone.onSessionChanged(listener),
    },
    // Awaited in case closing comes to wait for the outbox's last write.
    close: () => Promise.resolve(zone.close()),
  };
}
