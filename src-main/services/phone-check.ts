import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { evidenceLabel, type EvidenceItemFields } from '../../domain/evidence-rules';
import { FORMS, readAnswers } from '../../forms/answers';
import type { FormRegistry } from '../../forms/registry';
import { DEVICE_CHECK_FIELD_ID } from '../../forms/risk/risk-form';
import { AppError } from '../api/app-error';
import {
  CONSENT_POINTS,
  IPHONE_CHECKLIST,
  type IPHONE_ANSWERS,
  type PHONE_CHECK_FAILURES,
  type PHONE_OWNERS,
} from '../../domain/phone-check';
import type { ChannelOutput, UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb } from '../db/store';
import { documentFileName } from '../../domain/document-kinds';
import type { DocumentOutput } from '../documents/output';
import { renderPhoneCheckReport, type StoredPhoneCheck } from '../documents/PhoneCheckReport';
import { officerText } from '../documents/officer-text';
import { createAdbClient, type AdbClient, type AdbClientOptions } from '../phone-check/adb-client';
import {
  importIndicatorBundle,
  loadIndicatorBundle,
  loadShippedIndicatorBundle,
  type BundleRefusal,
  type IndicatorBundle,
} from '../phone-check/indicator-bundle';
import { buildIndicatorIndex, type IndicatorIndex } from '../phone-check/matching';
import { PHONE_SCAN_FORMAT, scanAndroidPhone, type PhoneScanReport, type ScanProgress } from '../phone-check/scan';
import type { DocumentService } from './documents';
import type { EvidenceService } from './evidence';
import type { EvidenceStore } from './evidence-store';
import type { HearingService } from './hearings';

/**
 * The phone check of digital-violence.md §D, as the hearing uses it: the victim's consent, a
 * read-only scan of her Android phone through the adb server (src-main/phone-check/), the findings
 * in plain words (codes and levels; the words are the catalogs'), the result kept as an encrypted
 * evidence item of the hearing (EV-…: the report with every command, its hashes, the clock drift,
 * the consent and the indicator bundle's commit and hashes, and the raw outputs beside it), the
 * closing guide's confirmation, the report on the document engine, and a High finding written to
 * the risk step's device-check answer (R11).
 *
 * A scan runs in the background and is polled: the same in Electron and in the browser host. The
 * state of a scan lives here, in memory, until it is stored; what was stored lives in the evidence
 * register. A scan that fails (no adb server, no phone, a phone that has not accepted this computer
 * or that was unplugged midway) stores nothing and says why, by code.
 */

export const PHONE_CHECK_FORMAT = 'hearing-desk phone check v1';
export const PHONE_CHECK_REPORT_FILE = 'phone-check-report.json';
export const PHONE_CHECK_RAW_FILE = 'phone-check-raw-outputs.json';
export const PHONE_CHECK_CLOSING_FILE = 'phone-check-closing.json';
export const IPHONE_CHECKLIST_FILE = 'iphone-checklist.json';
/** What the evidence item's capture method says, so the phone check finds its own items again. */
export const PHONE_CHECK_CAPTURE_METHOD = 'Hearing Desk phone check (adb, read-only)';
export const IPHONE_CHECK_CAPTURE_METHOD = 'Hearing Desk iPhone checklist (manual)';

export type PhoneCheckFailure = (typeof PHONE_CHECK_FAILURES)[number];

export interface ConsentRecord {
  points: Record<(typeof CONSENT_POINTS)[number], true>;
  phoneOf: (typeof PHONE_OWNERS)[number];
  recordedAt: string;
  recordedBy: string;
}

export interface ClosingRecord {
  usbDebuggingOff: true;
  authorisationRevoked: true;
  confirmedAt: string;
  confirmedBy: string;
}

type CheckStatus = 'consented' | 'scanning' | 'storing' | 'done' | 'failed';

interface Check {
  id: string;
  hearingId: string;
  ownerId: string;
  consent: ConsentRecord;
  consentedAt: number;
  status: CheckStatus;
  progress: ScanProgress | null;
  failure: PhoneCheckFailure | null;
  result: ChannelOutput<'phoneCheck.progress'>['check']['result'];
  closedAt: number | null;
  reportDocumentId: string | null;
}

export interface PhoneCheckServiceDeps {
  store: Store;
  hearings: HearingService;
  evidence: EvidenceService;
  /** Prints and archives the report like every document (one archive, one sequence per kind). */
  documents: DocumentService;
  /** The encrypted evidence files, to read a stored report back. */
  files: EvidenceStore;
  registry: FormRegistry;
  /** The bundle shipped with the app, and where an administrator's import goes (the data folder). */
  indicators: { shippedDir: string | undefined; importedDir: string };
  adbServer: { host: string; port: number };
  output: DocumentOutput | undefined;
  fontFaces: () => string;
  now: () => number;
  log?: (message: string, error?: unknown) => void;
  /** Tests may pass their own client factory; the app uses createAdbClient. */
  createAdb?: (options: AdbClientOptions) => AdbClient;
}

type BundleState =
  | { ok: true; bundle: IndicatorBundle; index: IndicatorIndex; source: 'shipped' | 'imported' }
  | { ok: false; refusal: BundleRefusal };

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function createPhoneCheckService(deps: PhoneCheckServiceDeps) {
  const { store, now } = deps;
  const { answers: answerRows, evidenceFiles, hearings: hearingRows } = store.tables;
  /** One read of the hearing's answers, in a unit of work of its own. */
  const answersOf = (user: UserView, hearingId: string) =>
    store.transaction(accessOf(user), (tx) => deps.hearings.answers(tx, hearingId));
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error));
  const createAdb = deps.createAdb ?? createAdbClient;
  const checks = new Map<string, Check>();

  /** The imported bundle when there is a valid one, else the shipped one (§D8), loaded once. */
  function loadBundle(): BundleState {
    if (fs.existsSync(deps.indicators.importedDir)) {
      const imported = loadIndicatorBundle(deps.indicators.importedDir);
      if (imported.ok) return { ...imported, index: buildIndicatorIndex(imported.bundle), source: 'imported' };
      log(`The imported indicator bundle is refused (${imported.refusal.code}); the shipped one is used`);
    }
    if (!deps.indicators.shippedDir)
      return { ok: false, refusal: { code: 'manifest-missing', details: { dir: '(not shipped)' } } };
    const shipped = loadShippedIndicatorBundle(deps.indicators.shippedDir);
    if (!shipped.ok) {
      log(`The indicator bundle is refused: ${shipped.refusal.code} ${JSON.stringify(shipped.refusal.details)}`);
      return shipped;
    }
    return { ...shipped, index: buildIndicatorIndex(shipped.bundle), source: 'shipped' };
  }
  let bundleState = loadBundle();

  function indicatorsView(): ChannelOutput<'phoneCheck.overview'>['indicators'] {
    return bundleState.ok
      ? {
          available: true,
          source: bundleState.source,
          commit: bundleState.bundle.commit,
          date: bundleState.bundle.date,
          apps: bundleState.bundle.apps.length,
          watchware: bundleState.bundle.watchware.length,
          samples: bundleState.bundle.samples.length,
          refusal: null,
        }
      : {
          available: false,
          source: null,
          commit: null,
          date: null,
          apps: 0,
          watchware: 0,
          samples: 0,
          refusal: bundleState.refusal.code,
        };
  }

  async function requireOpenOwnHearing(user: UserView, hearingId: string) {
    const row = await store.transaction(accessOf(user), (tx) => deps.hearings.requireOwnHearing(tx, user, hearingId));
    if (row.status !== 'open') throw new AppError('HEARING_CLOSED', 'A closed hearing cannot be changed');
    return row;
  }

  /** Only the officer who recorded the consent, on her own hearing, reads or moves the check. */
  async function ownCheck(user: UserView, checkId: string): Promise<Check> {
    const check = checks.get(checkId);
    if (!check || check.ownerId !== user.id) throw new AppError('NOT_FOUND', 'No such phone check');
    await store.transaction(accessOf(user), (tx) => deps.hearings.requireOwnHearing(tx, user, check.hearingId));
    return check;
  }

  function view(check: Check): ChannelOutput<'phoneCheck.progress'>['check'] {
    return {
      id: check.id,
      hearingId: check.hearingId,
      status: check.status,
      phoneOf: check.consent.phoneOf,
      consentedAt: check.consentedAt,
      progress: check.progress,
      failure: check.failure,
      result: check.result,
      closedAt: check.closedAt,
      reportDocumentId: check.reportDocumentId,
    };
  }

  async function audit(user: UserView, hearingId: string, action: string, details: Record<string, unknown>) {
    await store.transaction(accessOf(user), (tx) =>
      store.appendAudit(tx, { at: now(), userId: user.id, action, hearingId, details }),
    );
  }

  async function overview(user: UserView, hearingId: string): Promise<ChannelOutput<'phoneCheck.overview'>> {
    const row = await store.transaction(accessOf(user), (tx) => deps.hearings.requireOwnHearing(tx, user, hearingId));
    return {
      hearingOpen: row.status === 'open',
      indicators: indicatorsView(),
      checks: [...checks.values()]
        .filter((c) => c.hearingId === hearingId && c.ownerId === user.id)
        .sort((a, b) => b.consentedAt - a.consentedAt)
        .map(view),
      iphoneChecklist: IPHONE_CHECKLIST.map((item) => ({
        id: item.id,
        lookFor: 'lookFor' in item ? [...item.lookFor] : [],
      })),
    };
  }

  async function recordConsent(
    user: UserView,
    input: { hearingId: string; phoneOf: ConsentRecord['phoneOf'] },
  ): Promise<ChannelOutput<'phoneCheck.recordConsent'>> {
    await requireOpenOwnHearing(user, input.hearingId);
    const at = now();
    const check: Check = {
      id: randomUUID(),
      hearingId: input.hearingId,
      ownerId: user.id,
      consent: {
        points: { whatIsRead: true, nothingChanged: true, removalRisk: true, whatGoesInFile: true },
        phoneOf: input.phoneOf,
        recordedAt: new Date(at).toISOString(),
        recordedBy: user.username,
      },
      consentedAt: at,
      status: 'consented',
      progress: null,
      failure: null,
      result: null,
      closedAt: null,
      reportDocumentId: null,
    };
    checks.set(check.id, check);
    await audit(user, input.hearingId, 'phoneCheck.consent_recorded', {
      checkId: check.id,
      phoneOf: input.phoneOf,
      points: [...CONSENT_POINTS],
    });
    return { check: view(check) };
  }

  /** Starts the scan in the background; `progress` follows it. A failed check may be started again. */
  async function startScan(user: UserView, checkId: string): Promise<ChannelOutput<'phoneCheck.startScan'>> {
    const check = await ownCheck(user, checkId);
    await requireOpenOwnHearing(user, check.hearingId);
    if (check.status === 'scanning' || check.status === 'storing') return { check: view(check) };
    if (check.status === 'done') throw new AppError('VALIDATION', 'This check is done: record a new consent');
    check.status = 'scanning';
    check.failure = null;
    check.progress = { phase: 'device', done: 0, total: 1 };
    void runScan(user, check).catch(async (error: unknown) => {
      log('The phone check failed unexpectedly', error);
      await fail(user, check, 'storage-failed');
    });
    return { check: view(check) };
  }

  async function fail(
    user: UserView,
    check: Check,
    failure: PhoneCheckFailure,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    // Recorded before the check reads as failed: whoever sees the failure finds it in the trail.
    try {
      await audit(user, check.hearingId, 'phoneCheck.scan_failed', { checkId: check.id, failure, ...details });
    } catch (error) {
      log('The phone check could not audit its failure', error);
    }
    check.status = 'failed';
    check.failure = failure;
    check.progress = null;
  }

  async function runScan(user: UserView, check: Check): Promise<void> {
    if (!bundleState.ok) bundleState = loadBundle();
    const state = bundleState;
    if (!state.ok) return fail(user, check, 'indicators-unavailable', { refusal: state.refusal.code });
    const adb = createAdb({ host: deps.adbServer.host, port: deps.adbServer.port });
    let devices;
    try {
      devices = await adb.devices();
    } catch {
      return fail(user, check, 'adb-unreachable');
    }
    const ready = devices.filter((d) => d.state === 'device');
    if (devices.length === 0) return fail(user, check, 'device-not-found');
    if (ready.length > 1) return fail(user, check, 'several-devices', { devices: ready.length });
    if (ready.length === 0)
      return fail(
        user,
        check,
        devices.some((d) => d.state === 'unauthorized') ? 'device-unauthorized' : 'device-offline',
      );
    const serial = ready[0]!.serial;

    const scanned = await scanAndroidPhone({
      adb,
      serial,
      bundle: state.bundle,
      index: state.index,
      now: () => new Date(now()),
      onProgress: (progress) => {
        check.progress = progress;
      },
    });
    if (!scanned.ok) {
      const code = scanned.refusal.code;
      return fail(
        user,
        check,
        code === 'adb-unreachable'
          ? 'adb-unreachable'
          : code === 'device-unauthorized'
            ? 'device-unauthorized'
            : code === 'device-offline'
              ? 'device-offline'
              : 'device-not-found',
      );
    }
    // A phone unplugged midway answers nothing more: what was read is incomplete, and not kept.
    const after = await adb.devices().catch(() => null);
    const stillThere = after?.some((d) => d.serial === serial && d.state === 'device') ?? false;
    const lost = scanned.report.commands.filter(
      (c) => c.outcome === 'fail' && /not found|offline/i.test(c.message ?? ''),
    );
    if (!stillThere || lost.length > 0)
      return fail(user, check, 'device-disconnected', { commandsBefore: scanned.report.commands.length - lost.length });

    check.status = 'storing';
    try {
      await storeScan(user, check, scanned.report, scanned.rawOutputs);
    } catch (error) {
      log('The phone check could not store its result', error);
      return fail(user, check, 'storage-failed', { error: error instanceof AppError ? error.code : 'error' });
    }
  }

  /** The evidence item: the report (with the consent) and the raw outputs, each a sealed file. */
  async function storeScan(user: UserView, check: Check, report: PhoneScanReport, rawOutputs: (Buffer | null)[]) {
    const raw = Buffer.from(
      JSON.stringify({
        format: PHONE_CHECK_FORMAT,
        outputs: report.commands.map((c) => ({
          index: c.index,
          request: c.request,
          sha256: c.outputSha256,
          base64: rawOutputs[c.index]?.toString('base64') ?? null,
        })),
      }),
    );
    const document: StoredPhoneCheck = {
      format: PHONE_CHECK_FORMAT,
      checkId: check.id,
      consent: check.consent,
      scan: report,
      rawOutputsFile: { name: PHONE_CHECK_RAW_FILE, sha256: sha256(raw), bytes: raw.length },
    };
    const reportBytes = Buffer.from(JSON.stringify(document));
    const forms = await answersOf(user, check.hearingId);
    const t = officerText(String(readAnswers(forms, FORMS.setup).procedureLanguage ?? 'fr'));
    const device = [report.device.manufacturer, report.device.model].filter(Boolean).join(' ') || '?';
    const fields: EvidenceItemFields = {
      type: 'device',
      description: t('phoneCheck.evidence.description', {
        device,
        release: report.device.androidRelease ?? '?',
        level: t(`phoneCheck.level.${report.level}`),
        findings: report.findings.filter((f) => f.level !== 'info').length,
      }),
      platform: 'Android',
      accountIds: null,
      url: null,
      eventTime: null,
      eventTimeZone: null,
      capturedAt: Date.parse(report.startedAt),
      captureMethod: PHONE_CHECK_CAPTURE_METHOD,
      toolVersion: `format ${PHONE_SCAN_FORMAT}; adb ${report.adbServerVersion}; Echap ${report.indicators.commit.slice(0, 12)} (${report.indicators.date.slice(0, 10)})`,
      originalLocation: `${device}, Android ${report.device.androidRelease ?? '?'}`,
      relatedPrompts: ['G2.1'],
      sensitivity: 'none',
      platformReportNumber: null,
      stopNciiCaseNumber: null,
    };
    const { item } = await deps.evidence.save(user, { hearingId: check.hearingId, item: fields });
    for (const [name, bytes] of [
      [PHONE_CHECK_REPORT_FILE, reportBytes],
      [PHONE_CHECK_RAW_FILE, raw],
    ] as const) {
      await deps.evidence.importStream(
        user,
        { hearingId: check.hearingId, itemId: item.id, originalName: name, expectedSize: bytes.length },
        Readable.from([bytes]),
      );
    }
    const riskFed = report.level === 'high' ? await feedRisk(user, check.hearingId) : false;
    await audit(user, check.hearingId, 'phoneCheck.scan_stored', {
      checkId: check.id,
      itemId: item.id,
      number: item.number,
      level: report.level,
      findings: report.findings.length,
      commands: report.commands.length,
      reportSha256: sha256(reportBytes),
      indicatorsCommit: report.indicators.commit,
      riskFed,
    });
    check.result = {
      level: report.level,
      findings: report.findings,
      evidenceItemId: item.id,
      evidenceLabel: item.label,
      reportSha256: sha256(reportBytes),
      rawOutputsSha256: sha256(raw),
      device: {
        model: report.device.model,
        manufacturer: report.device.manufacturer,
        androidRelease: report.device.androidRelease,
        securityPatch: report.device.securityPatch,
      },
      driftSeconds: report.clock.driftSeconds,
      commands: report.commands.length,
      packages: report.inventory.total,
      thirdParty: report.inventory.thirdParty,
      durationMs: report.durationMs,
      indicators: {
        commit: report.indicators.commit,
        date: report.indicators.date,
        manifestSha256: report.indicators.manifestSha256,
      },
      riskFed,
    };
    check.status = 'done';
    check.progress = null;
  }

  /**
   * R11 (§B): the risk step's device-check answer set to yes, as the officer (the hearing's
   * owner) would, through the same save; the risk tool then raises the level and flags the file.
   * Only where the hearing's risk step has that question (risk tool version 3 on).
   */
  async function feedRisk(user: UserView, hearingId: string): Promise<boolean> {
    return store.transaction(accessOf(user), async (tx: StoreDb) => {
      const pinned = (await deps.hearings.answers(tx, hearingId))[FORMS.risk];
      const form = pinned && deps.registry.get(FORMS.risk, pinned.version);
      if (!pinned || !form?.fields.some((f) => f.id === DEVICE_CHECK_FIELD_ID)) return false;
      if (pinned.answers[DEVICE_CHECK_FIELD_ID] === 'yes') return true;
      const [current] = await tx
        .select({ revision: answerRows.revision })
        .from(answerRows)
        .where(
          and(
            eq(answerRows.hearingId, hearingId),
            eq(answerRows.formId, FORMS.risk),
            eq(answerRows.fieldId, DEVICE_CHECK_FIELD_ID),
          ),
        );
      await deps.hearings.saveAnswersIn(tx, user, {
        hearingId,
        formId: FORMS.risk,
        changes: [{ fieldId: DEVICE_CHECK_FIELD_ID, value: 'yes', baseRevision: current?.revision ?? 0 }],
      });
      return true;
    });
  }

  /** The closing guide (§D4.4): USB debugging off and the computer's authorisation revoked, confirmed. */
  async function confirmClosing(user: UserView, checkId: string): Promise<ChannelOutput<'phoneCheck.confirmClosing'>> {
    const check = await ownCheck(user, checkId);
    await requireOpenOwnHearing(user, check.hearingId);
    if (check.status !== 'done' || !check.result) throw new AppError('VALIDATION', 'The scan is not stored yet');
    if (check.closedAt !== null) return { check: view(check) };
    const at = now();
    const closing: ClosingRecord = {
      usbDebuggingOff: true,
      authorisationRevoked: true,
      confirmedAt: new Date(at).toISOString(),
      confirmedBy: user.username,
    };
    const bytes = Buffer.from(JSON.stringify({ format: PHONE_CHECK_FORMAT, checkId: check.id, closing }));
    await deps.evidence.importStream(
      user,
      {
        hearingId: check.hearingId,
        itemId: check.result.evidenceItemId,
        originalName: PHONE_CHECK_CLOSING_FILE,
        expectedSize: bytes.length,
      },
      Readable.from([bytes]),
    );
    check.closedAt = at;
    await audit(user, check.hearingId, 'phoneCheck.closing_confirmed', { checkId: check.id });
    return { check: view(check) };
  }

  async function readSealedJson<T>(user: UserView, itemId: string, name: string): Promise<T | null> {
    const [file] = await store.transaction(accessOf(user), (tx) =>
      tx
        .select()
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.itemId, itemId), eq(evidenceFiles.originalName, name))),
    );
    if (!file) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of deps.files.openReader(file)) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    if (sha256(bytes) !== file.sha256)
      throw new AppError('FILE_UNREADABLE', 'The stored report does not match its hash');
    return JSON.parse(bytes.toString('utf8')) as T;
  }

  /**
   * The report for the file (§D7), in the procedure language, on the document engine; archived
   * with its SHA-256 like every printed document (kind `phoneCheckReport`), and audited.
   */
  async function printReport(
    user: UserView,
    input: { hearingId: string; itemId: string },
  ): Promise<ChannelOutput<'phoneCheck.printReport'>> {
    await store.transaction(accessOf(user), (tx) => deps.hearings.requireOwnHearing(tx, user, input.hearingId));
    const output = deps.output;
    if (!output) throw new AppError('PRINTING_UNAVAILABLE', 'This window cannot make PDFs');
    const item = (await deps.evidence.list(user, input.hearingId)).items.find(
      (i) => i.id === input.itemId && i.captureMethod === PHONE_CHECK_CAPTURE_METHOD,
    );
    if (!item) throw new AppError('NOT_FOUND', 'No phone check in this evidence item');
    const stored = await readSealedJson<StoredPhoneCheck>(user, item.id, PHONE_CHECK_REPORT_FILE);
    if (!stored) throw new AppError('NOT_FOUND', 'The phone check report is missing');
    const closing = await readSealedJson<{ closing: ClosingRecord }>(user, item.id, PHONE_CHECK_CLOSING_FILE);
    const reportFile = item.files.find((f) => f.originalName === PHONE_CHECK_REPORT_FILE);
    const rawFile = item.files.find((f) => f.originalName === PHONE_CHECK_RAW_FILE);
    const [hearing] = await store.transaction(accessOf(user), (tx) =>
      tx.select({ reference: hearingRows.reference }).from(hearingRows).where(eq(hearingRows.id, input.hearingId)),
    );
    const reference = hearing?.reference ?? input.hearingId;
    const language = String(readAnswers(await answersOf(user, input.hearingId), FORMS.setup).procedureLanguage ?? 'fr');
    const printed = await deps.documents.archivePrint(
      user,
      { hearingId: input.hearingId, kind: 'phoneCheckReport', variant: 'full' },
      async ({ printedAt, sequence }) => {
        const html = renderPhoneCheckReport({
          language,
          reference,
          evidenceLabel: item.label,
          officer: user.displayName,
          stored,
          closing: closing?.closing ?? null,
          files: {
            report: reportFile ? { sha256: reportFile.sha256, size: reportFile.size } : null,
            raw: rawFile ? { sha256: rawFile.sha256, size: rawFile.size } : null,
          },
          printedAt,
          reprint: sequence > 1,
          fontFaces: deps.fontFaces(),
        });
        return { pdf: await output.toPdf(html), language };
      },
    );
    // Made straight into a PDF, never through a print dialog: there is nothing to cancel.
    if (!printed) throw new AppError('INTERNAL', 'The phone check report was not made');
    const { document, pdf } = printed;
    for (const check of checks.values())
      if (check.result?.evidenceItemId === item.id) check.reportDocumentId = document.id;
    return {
      document,
      pdfBase64: pdf.toString('base64'),
      fileName: documentFileName(document, reference),
    };
  }

  /** The phone checks stored in this hearing's evidence register (they outlive the app's memory). */
  async function stored(user: UserView, hearingId: string): Promise<ChannelOutput<'phoneCheck.stored'>> {
    const { items } = await deps.evidence.list(user, hearingId);
    return {
      items: items
        .filter(
          (i) => i.captureMethod === PHONE_CHECK_CAPTURE_METHOD || i.captureMethod === IPHONE_CHECK_CAPTURE_METHOD,
        )
        .map((i) => ({
          id: i.id,
          label: i.label,
          kind: i.captureMethod === PHONE_CHECK_CAPTURE_METHOD ? ('android' as const) : ('iphone' as const),
          description: i.description,
          capturedAt: i.capturedAt,
          files: i.files.map((f) => ({ name: f.originalName, sha256: f.sha256, size: f.size })),
        })),
    };
  }

  /** §D9: the iPhone checklist, each step's answer and note, kept as an evidence item. */
  async function recordIphoneChecklist(
    user: UserView,
    input: {
      hearingId: string;
      phoneOf: ConsentRecord['phoneOf'];
      answers: { id: string; answer: (typeof IPHONE_ANSWERS)[number]; note: string }[];
    },
  ): Promise<ChannelOutput<'phoneCheck.recordIphoneChecklist'>> {
    await requireOpenOwnHearing(user, input.hearingId);
    const ids = IPHONE_CHECKLIST.map((i) => i.id as string);
    const given = input.answers.map((a) => a.id);
    if (given.length !== ids.length || ids.some((id) => !given.includes(id)))
      throw new AppError('VALIDATION', 'Every step of the checklist needs an answer', ['answers']);
    const at = now();
    const bytes = Buffer.from(
      JSON.stringify({
        format: PHONE_CHECK_FORMAT,
        kind: 'iphone-checklist',
        phoneOf: input.phoneOf,
        recordedAt: new Date(at).toISOString(),
        recordedBy: user.username,
        answers: ids.map((id) => input.answers.find((a) => a.id === id)!),
      }),
    );
    const forms = await answersOf(user, input.hearingId);
    const t = officerText(String(readAnswers(forms, FORMS.setup).procedureLanguage ?? 'fr'));
    const found = input.answers.filter((a) => a.answer === 'found').length;
    const { item } = await deps.evidence.save(user, {
      hearingId: input.hearingId,
      item: {
        type: 'device',
        description: t('phoneCheck.evidence.iphoneDescription', { found }),
        platform: 'iOS',
        accountIds: null,
        url: null,
        eventTime: null,
        eventTimeZone: null,
        capturedAt: at,
        captureMethod: IPHONE_CHECK_CAPTURE_METHOD,
        toolVersion: `format ${PHONE_SCAN_FORMAT}`,
        originalLocation: 'iPhone',
        relatedPrompts: ['G2.1'],
        sensitivity: 'none',
        platformReportNumber: null,
        stopNciiCaseNumber: null,
      },
    });
    await deps.evidence.importStream(
      user,
      { hearingId: input.hearingId, itemId: item.id, originalName: IPHONE_CHECKLIST_FILE, expectedSize: bytes.length },
      Readable.from([bytes]),
    );
    await audit(user, input.hearingId, 'phoneCheck.iphone_recorded', { itemId: item.id, found });
    return { evidenceItemId: item.id, evidenceLabel: evidenceLabel(item.number), sha256: sha256(bytes) };
  }

  /**
   * §D8: the administrator imports a newer bundle (the files of a bundle folder, as uploaded),
   * validated as at start and strictly newer than the one in use; the earlier reports keep the
   * commit and hashes they were made with. Not signed yet (see shipped-bundle.ts).
   */
  async function importIndicators(
    user: UserView,
    files: Record<string, string>,
  ): Promise<ChannelOutput<'phoneCheck.importIndicators'>> {
    const staging = fs.mkdtempSync(`${deps.indicators.importedDir}.upload-`);
    try {
      for (const [name, base64] of Object.entries(files))
        fs.writeFileSync(`${staging}/${name}`, Buffer.from(base64, 'base64'));
      const result = importIndicatorBundle(staging, deps.indicators.importedDir, {
        current: bundleState.ok ? bundleState.bundle : undefined,
      });
      await store.transaction(accessOf(user), (tx) =>
        store.appendAudit(tx, {
          at: now(),
          userId: user.id,
          action: result.ok ? 'phoneCheck.indicators_imported' : 'phoneCheck.indicators_refused',
          details: result.ok
            ? { commit: result.bundle.commit, date: result.bundle.date, manifestSha256: result.bundle.manifestSha256 }
            : { code: result.refusal.code },
        }),
      );
      if (result.ok) bundleState = loadBundle();
      return {
        imported: result.ok,
        refusal: result.ok ? null : { code: result.refusal.code, details: JSON.stringify(result.refusal.details) },
        indicators: indicatorsView(),
      };
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  function indicators(): ChannelOutput<'phoneCheck.indicators'> {
    return { indicators: indicatorsView() };
  }

  return {
    overview,
    recordConsent,
    startScan,
    progress: async (user: UserView, checkId: string) => ({ check: view(await ownCheck(user, checkId)) }),
    confirmClosing,
    printReport,
    stored,
    recordIphoneChecklist,
    importIndicators,
    indicators,
  };
}

export type PhoneCheckService = ReturnType<typeof createPhoneCheckService>;
