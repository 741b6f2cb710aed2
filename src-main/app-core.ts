import path from 'node:path';
import type pg from 'pg';
import { formRegistry, type FormRegistry } from '../forms/registry';
import type { ChannelSet } from './api/channel';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { loadConfig, type AppConfig } from './config';
import {
  inspectInstallation,
  openDatabase,
  type InstallationCheck,
  type InstallationState,
  type OpenedDatabase,
} from './db/database';
import { createPgStore } from './db/pg-store';
import { createSqliteStore } from './db/sqlite-store';
import type { Store } from './db/store';
import { AUDIT_SEAL_FILE_NAME, deriveAuditKey, openAuditTrail, type AuditTrail } from './services/audit';
import { createDirectoryService } from './services/directory';
import { createDocumentService } from './services/documents';
import { createFollowUpService } from './services/follow-ups';
import { loadFontFaces } from './documents/fonts';
import type { DocumentOutput } from './documents/output';
import { loadVictimCatalogs } from './documents/victim-catalog-store';
import { createEvidenceService } from './services/evidence';
import {
  createEvidenceStore,
  deriveEvidenceKey,
  EVIDENCE_DIR_NAME,
  type EvidenceStore,
} from './services/evidence-store';
import { createHearingService } from './services/hearings';
import { createPairHistoryService } from './services/pair-history';
import { createPersonService } from './services/persons';
import { createPairScheduleService } from './services/pairs';
import { createPhoneCheckService } from './services/phone-check';
import { createRiskService } from './services/risk';
import { createSessionService } from './services/sessions';
import { createStatisticsService } from './services/statistics';
import { riskRegistry } from '../forms/risk/registry';
import { createUnitService } from './services/units';
import { createUserService } from './services/users';

export interface AppCoreOptions {
  /** Holds the database, its backups, config.json, the evidence files and the audit seal. */
  dataDir: string;
  key: Buffer;
  /** The host's key file (see inspectDataDir); tests that pass the key directly have none. */
  keyFile?: string;
  migrationsFolder: string;
  config?: AppConfig;
  now?: () => number;
  registry?: FormRegistry;
  log?: (message: string, error?: unknown) => void;
  /** Electron's main-side file dialog for evidence files (src-main/electron/file-chooser.ts). */
  chooseFiles?: (clientId: string) => Promise<string[]>;
  /** The victim catalogs and the fonts documents embed (`repositoryAssets` in development and tests). */
  assets: DocumentAssets;
  /** Chromium for documents: the Electron shell's adapter, or the browser host's; none, no printing. */
  documentOutput?: DocumentOutput;
  /** The channels the dispatcher routes: API_CHANNELS (src-main/api/domains/) unless a test declares its own. */
  channels?: ChannelSet;
  /**
   * A zone's PostgreSQL, migrated (src-main/db/pg-migrations.ts), through a pool that connects as
   * a member of hearing_desk_app; absent, the standalone app's encrypted SQLite file in dataDir.
   */
  postgres?: { pool: pg.Pool };
}

export interface DocumentAssets {
  victimCatalogsDir: string;
  fontsDir: string;
  /** The phone check's shipped indicator bundle (assets/stalkerware-indicators); none, the check says why it cannot run. */
  indicatorsDir?: string;
}

/** The assets as they lie in a checkout of this repository (development, tests, the browser host). */
export function repositoryAssets(root: string): DocumentAssets {
  return {
    victimCatalogsDir: path.join(root, 'forms', 'catalogs', 'victim'),
    fontsDir: path.join(root, 'node_modules', '@fontsource'),
    indicatorsDir: path.join(root, 'assets', 'stalkerware-indicators'),
  };
}

export interface AppCore {
  dispatcher: Dispatcher;
  /** The standalone app's encrypted SQLite file (what its store works on); null on PostgreSQL. */
  database: OpenedDatabase | null;
  /** Where every service keeps its records (src-main/db/store.ts). */
  store: Store;
  config: AppConfig;
  /** The encrypted evidence files in `<dataDir>/evidence/` (decrypting reader, verification). */
  evidenceStore: EvidenceStore;
  /** The keyed audit chain: verified at start from its checkpoint, on demand in full. */
  audit: AuditTrail;
  close(): Promise<void>;
}

export const DATABASE_FILE_NAME = 'hearing-desk.db';

/** The database of `dataDir` and what shows an installation ran there: its backups, evidence, audit seal and the host's key file. */
function installationOf(dataDir: string, keyFile: string | undefined): InstallationCheck {
  return {
    file: path.join(dataDir, DATABASE_FILE_NAME),
    backupsFolder: path.join(dataDir, 'backups'),
    installationTraces: [
      path.join(dataDir, EVIDENCE_DIR_NAME),
      path.join(dataDir, AUDIT_SEAL_FILE_NAME),
      ...(keyFile ? [keyFile] : []),
    ],
  };
}

/**
 * Asked by a host before it loads or creates the database key: 'new' only where nothing shows
 * that an installation existed; a lost or emptied database is refused (DATABASE_MISSING). The
 * database makes the same check again when it opens.
 */
export function inspectDataDir(dataDir: string, keyFile?: string): InstallationState {
  return inspectInstallation(installationOf(dataDir, keyFile));
}

/**
 * Everything the app does, without Electron: the Electron shell and the browser host both build
 * one of these and only add a transport in front of `dispatcher.dispatch`.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const now = options.now ?? Date.now;
  const config = options.config ?? loadConfig(path.join(options.dataDir, 'config.json'));
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error));
  // Keyed while the database key is at hand (the Electron shell wipes it after start-up).
  const auditKey = deriveAuditKey(options.key);
  const database = options.postgres
    ? null
    : openDatabase({
        ...installationOf(options.dataDir, options.keyFile),
        key: options.key,
        migrationsFolder: options.migrationsFolder,
        now,
      });
  const store = database
    ? createSqliteStore(database, { auditKey, log })
    : createPgStore(options.postgres!.pool, { auditKey });
  let audit: AuditTrail;
  try {
    audit = await openAuditTrail({
      store,
      key: auditKey,
      sealFile: path.join(options.dataDir, AUDIT_SEAL_FILE_NAME),
      now,
      log,
    });
  } catch (error) {
    await store.close();
    database?.close();
    throw error;
  }
  const sessions = createSessionService({ store });
  // The standalone app's windows ended with its last run: none of their sessions may come back.
  if (database) await sessions.clear();
  const registry = options.registry ?? formRegistry;
  const directory = createDirectoryService({ store, now });
  await directory.seedIfEmpty();
  const hearings = createHearingService({
    store,
    registry,
    now,
    settings: { residenceBanDays: config.residenceBanDays },
  });
  // Derived here, while the database key is at hand (the Electron shell wipes it after start-up).
  const evidenceStore = createEvidenceStore({
    dir: path.join(options.dataDir, EVIDENCE_DIR_NAME),
    key: deriveEvidenceKey(options.key),
  });
  const pairs = createPairScheduleService({ store, log });
  const risk = createRiskService({ store, hearings, registry: riskRegistry, pairs, now });
  let fontFaces: string | undefined;
  const documents = createDocumentService({
    store,
    hearings,
    risk,
    catalogs: loadVictimCatalogs(options.assets.victimCatalogsDir),
    fontFaces: () => (fontFaces ??= loadFontFaces(options.assets.fontsDir)),
    output: options.documentOutput,
    settings: {
      victimCopyChildNames: config.victimCopyChildNames,
      victimCopyOfficerName: config.victimCopyOfficerName,
    },
    now,
  });
  const evidence = createEvidenceService({ store, hearings, files: evidenceStore, now });
  const phoneCheck = createPhoneCheckService({
    store,
    hearings,
    evidence,
    documents,
    files: evidenceStore,
    registry,
    indicators: {
      shippedDir: options.assets.indicatorsDir,
      importedDir: path.join(options.dataDir, 'stalkerware-indicators'),
    },
    adbServer: config.adbServer,
    output: options.documentOutput,
    fontFaces: () => (fontFaces ??= loadFontFaces(options.assets.fontsDir)),
    now,
    log,
  });
  const dispatcher = createDispatcher(
    {
      sessions,
      directory,
      statistics: createStatisticsService({ store, threshold: config.statisticsMinimumCount, now }),
      users: createUserService({ store, config, now }),
      units: createUnitService({ store, now }),
      hearings,
      persons: createPersonService({ store, hearings, pairs, now }),
      pairs: createPairHistoryService({ store, hearings, registry, now, log }),
      risk,
      documents,
      followUps: createFollowUpService({
        store,
        settings: { translationDueDays: config.translationDueDays },
        now,
      }),
      evidence,
      phoneCheck,
      ...(options.chooseFiles ? { chooseFiles: options.chooseFiles } : {}),
      audit,
      config,
      now,
      log,
    },
    options.channels,
  );
  let closing: Promise<void> | null = null;
  return {
    dispatcher,
    database,
    store,
    config,
    evidenceStore,
    audit,
    close: () =>
      (closing ??= (async () => {
        await audit.close();
        await store.close();
        database?.close();
        await options.documentOutput?.close?.();
      })()),
  };
}
