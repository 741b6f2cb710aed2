import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ChannelInput } from '../../src-main/api/contract';
import type { Api } from '../helpers/complete-hearing';
import { createChromiumPdfOutput } from '../../src-main/browser-host/chromium-pdf';
import type { DocumentOutput } from '../../src-main/documents/output';
import { openTestCore, seedAccounts, tempDir, type TestCore } from '../helpers/temp-core';
import { apiOfPage, callApi, createAccount } from './api';
import { CHROMIUM, launchChromium, startHost, type RunningHost } from './harness';
import { firstRun, switchUser } from './pages/accounts';
import { HearingPage } from './pages/hearing';
import { openFirstHearing } from './scenario';

/** An account the fixture makes through the administrator's API, in `unit` (the first of `units` by default). */
export type FixtureUser = Omit<ChannelInput<'users.create'>, 'unitId'> & { unit?: string };

export interface BrowserHostOptions {
  /** Names the temporary data folder (`hd-<name>-…`). */
  name: string;
  /** `config.json` beside the database, written before the host first starts. */
  config?: Record<string, unknown>;
  /** Over the window's defaults: French (Belgium), 1280×900. */
  context?: BrowserContextOptions;
  /** False: no host and no window before the tests; a test starts them (`startHost`, `newPage`). */
  start?: boolean;
  /** Fail on an error thrown in the page. */
  failOnPageError?: boolean;
  /**
   * How far the window goes before the first test: `blank` (not even the launch address),
   * `firstRun` (the first administrator created on screen, signed in on the accounts page; the
   * default), `firstHearing` (then the officer made on screen, signed in, a new hearing open).
   */
  setUp?: 'blank' | 'firstRun' | 'firstHearing';
  /** Units made through the administrator's API after the first run. */
  units?: string[];
  /** Accounts made through the administrator's API after the first run, each having chosen her password. */
  users?: FixtureUser[];
  /** Who the window is signed in as at the end (the first of `users` by default; null: the administrator). */
  signInAs?: FixtureUser | null;
  /** Then a new hearing, open at its set-up step (`hearingId`). */
  newHearing?: boolean;
}

export interface BrowserHostFixture {
  readonly browser: Browser;
  /** The host now running (a new one after `startHost`). */
  readonly host: RunningHost;
  /** The window the set-up used, and its context. */
  readonly page: Page;
  readonly context: BrowserContext;
  readonly dataDir: string;
  /** `http://127.0.0.1:<port>` of the host now running. */
  readonly origin: string;
  /** The window's API, failing on an error (for what a test is not about). */
  readonly api: Api;
  /** Unit ids by name, for the units the fixture made. */
  readonly units: Readonly<Record<string, string>>;
  /** The hearing `newHearing` opened. */
  readonly hearingId: string;
  /** Goes to a route of the app, `hearing/<id>/risk` for example. */
  goto(route: string, page?: Page): Promise<void>;
  /** Another context with the window's defaults (and the launch cookie, so it needs no token). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A window of a context of its own: its own session. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Starts the host on the same data (stopping the one running, if any). */
  startHost(): Promise<RunningHost>;
  /** The database as the host left it (stop the host first), opened with its key. */
  openDatabase(options?: { readonly?: boolean }): Database.Database;
}

/**
 * Chromium, the browser host on a fresh data folder, a window, the first run and the accounts a
 * file needs, made before its tests and torn down after them. Call it in a `describe`:
 *
 * ```ts
 * const app = useBrowserHost({ name: 'risk', units: [UNIT], users: [OFFICER, SUPERVISOR] });
 * it('…', async () => { await app.page.getByRole(…) … });
 * ```
 */
export function useBrowserHost(options: BrowserHostOptions): BrowserHostFixture {
  const dataDir = tempDir(`hd-${options.name}-`);
  const state: {
    browser?: Browser;
    host?: RunningHost;
    page?: Page;
    units: Record<string, string>;
    hearingId?: string;
  } = { units: {} };
  const defaults: BrowserContextOptions = {
    locale: 'fr-BE',
    viewport: { width: 1280, height: 900 },
    ...options.context,
  };
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useBrowserHost(${options.name}): no ${what} yet`);
    return value;
  };

  const fixture: BrowserHostFixture = {
    get browser() {
      return need(state.browser, 'browser');
    },
    get host() {
      return need(state.host, 'host');
    },
    get page() {
      return need(state.page, 'page');
    },
    get context() {
      return fixture.page.context();
    },
    dataDir,
    get origin() {
      return new URL(fixture.host.url).origin;
    },
    get api() {
      return apiOfPage(fixture.page);
    },
    get units() {
      return state.units;
    },
    get hearingId() {
      return need(state.hearingId, 'hearing (newHearing: true)');
    },
    async goto(route, page = fixture.page) {
      await page.goto(`${fixture.origin}/#/${route.replace(/^[#/]+/, '')}`);
    },
    async newContext(contextOptions = {}) {
      const context = await fixture.browser.newContext({ ...defaults, ...contextOptions });
      if (state.page) await context.addCookies(await state.page.context().cookies());
      return context;
    },
    async newPage(contextOptions = {}) {
      return (await fixture.newContext(contextOptions)).newPage();
    },
    async startHost() {
      await state.host?.stop();
      state.host = await startHost(dataDir);
      return state.host;
    },
    openDatabase({ readonly = false } = {}) {
      const db = new Database(path.join(dataDir, 'hearing-desk.db'), { readonly });
      db.pragma(`hexkey='${fs.readFileSync(path.join(dataDir, 'database-key.dev'), 'utf8').trim()}'`);
      return db;
    },
  };

  beforeAll(async () => {
    if (options.config) fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(options.config));
    state.browser = await launchChromium();
    if (options.start === false) return;
    await fixture.startHost();
    const page = await fixture.newPage();
    state.page = page;
    if (options.failOnPageError)
      page.on('pageerror', (error) => {
        throw error;
      });
    const setUp = options.setUp ?? 'firstRun';
    if (setUp === 'blank') return;
    if (setUp === 'firstHearing') {
      await openFirstHearing(page, fixture.host.url);
      state.hearingId = new HearingPage(page).id();
      return;
    }
    await page.goto(fixture.host.url);
    await firstRun(page);
    for (const name of options.units ?? []) {
      const saved = await callApi(page, 'units.save', { name });
      state.units[name] = need(saved.value, `unit ${name}: ${JSON.stringify(saved.error)}`).unit.id;
    }
    const users = options.users ?? [];
    for (const { unit, ...user } of users) {
      const unitName = unit ?? options.units?.[0];
      await createAccount(page, { ...user, ...(unitName ? { unitId: state.units[unitName]! } : {}) });
    }
    const signInAs = options.signInAs === undefined ? users[0] : options.signInAs;
    if (signInAs) {
      await switchUser(page, signInAs);
      if (signInAs.role === 'officer') await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    }
    if (options.newHearing) state.hearingId = await new HearingPage(page).create();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.host?.stop();
  });
  return fixture;
}

/**
 * For the documents' tests, which need no window: a core on a fresh encrypted database whose
 * documents Chromium makes into PDFs, with temp-core's seeded accounts (`seedAccounts(t, true)`),
 * made before the file's tests and closed after them. Use it as the TestCore it stands for.
 */
export function usePdfCore(): TestCore & { readonly output: DocumentOutput } {
  let current: TestCore | undefined;
  const t = (): TestCore => {
    if (!current) throw new Error('usePdfCore: no core yet (used outside a test?)');
    return current;
  };
  let output: DocumentOutput | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}`);
    output = createChromiumPdfOutput(CHROMIUM);
    current = await openTestCore({ documentOutput: output });
    await seedAccounts(current, true);
  });
  afterAll(async () => {
    await current?.close();
    await output?.close?.();
  });
  return {
    /** Its Chromium PDF output, for another core of the same test. */
    get output() {
      if (!output) throw new Error('usePdfCore: no output yet (used outside a test?)');
      return output;
    },
    get core() {
      return t().core;
    },
    get dir() {
      return t().dir;
    },
    get key() {
      return t().key;
    },
    get dbFile() {
      return t().dbFile;
    },
    get sqlite() {
      return t().sqlite;
    },
    sql: (text, params) => t().sql(text, params),
    get clock() {
      return t().clock;
    },
    ok: (client, channel, input) => t().ok(client, channel, input),
    close: () => t().close(),
  };
}
