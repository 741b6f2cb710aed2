import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, max } from 'drizzle-orm';
import { FORMS, readAnswers } from '../../forms/answers';
import { measuresAskedOfProsecutor } from '../../forms/definitions/measures.v1';
import { documentFileName, type DocumentKind, type VictimCopyVariant } from '../../domain/document-kinds';
import type { EvidenceType } from '../../domain/evidence-rules';
import { supportServiceSchema } from '../../domain/support-directory';
import type { VictimCatalog } from '../../forms/victim-catalogs';
import { AppError } from '../api/app-error';
import type { ChannelInput, ChannelOutput, PrintedDocumentView, UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb, type StoreTables } from '../db/store';
import { renderDocumentHtml } from '../documents/DocumentPage';
import { countPdfPages, type DocumentOutput } from '../documents/output';
import { renderProcedureDocument } from '../documents/procedure-documents';
import type { VictimCatalogStore } from '../documents/victim-catalog-store';
import { VictimDocument } from '../documents/VictimCopy';
import type { HearingRecord } from '../documents/victim-copy-model';
import type { VictimTextFilter } from '../documents/victim-safety';
import type { HearingService } from './hearings';
import type { RiskService } from './risk';
import { createVictimCatalogReviews } from './victim-catalog-reviews';
import { createVictimDocuments } from './victim-documents';

export interface DocumentSettings {
  victimCopyChildNames: 'firstNames' | 'generic';
  victimCopyOfficerName: boolean;
}

export interface DocumentServiceDeps {
  store: Store;
  hearings: HearingService;
  risk: RiskService;
  catalogs: VictimCatalogStore;
  /** The @font-face rules (src-main/documents/fonts.ts), read once when first needed. */
  fontFaces: () => string;
  output: DocumentOutput | undefined;
  settings: DocumentSettings;
  now: () => number;
}

type Row = StoreTables['printedDocuments']['$inferSelect'];

function toView(row: Omit<Row, 'pdf'>, printedByName: string): PrintedDocumentView {
  return {
    id: row.id,
    hearingId: row.hearingId,
    kind: row.kind,
    variant: row.variant,
    language: row.language,
    sequence: row.sequence,
    sha256: row.sha256,
    bytes: row.bytes,
    pages: row.pages,
    printedAt: row.printedAt,
    printedByName,
  };
}

/**
 * Printed documents (victim-copy.md): built from the stored hearing, turned into a PDF by
 * Chromium, archived with their SHA-256 and who printed them when; a reprint is a new archived,
 * audited print.
 */
export function createDocumentService(deps: DocumentServiceDeps) {
  const { store, now } = deps;
  const { addenda, evidenceItems, hearings, printedDocuments, supportServices, units, users } = store.tables;

  /** The stored hearing, as documents read it. */
  async function record(tx: StoreDb, hearingId: string): Promise<HearingRecord> {
    const [row] = await tx.select().from(hearings).where(eq(hearings.id, hearingId));
    if (!row) throw new AppError('NOT_FOUND', 'No such hearing');
    const [officer] = await tx
      .select({ displayName: users.displayName, serviceNumber: users.serviceNumber })
      .from(users)
      .where(eq(users.id, row.ownerId));
    const [unit] = row.unitId ? await tx.select({ name: units.name }).from(units).where(eq(units.id, row.unitId)) : [];
    const forms = await deps.hearings.answers(tx, hearingId);
    const statementText = readAnswers(forms, FORMS.statement).text;
    return {
      reference: row.reference,
      createdAt: row.createdAt,
      unitName: unit?.name ?? null,
      officer: { displayName: officer?.displayName ?? '', serviceNumber: officer?.serviceNumber ?? null },
      forms,
      statement:
        row.statementApprovedAt !== null && typeof statementText === 'string'
          ? { text: statementText, approvedAt: row.statementApprovedAt }
          : null,
      addenda: await tx
        .select({ text: addenda.text, createdAt: addenda.createdAt })
        .from(addenda)
        .where(eq(addenda.hearingId, hearingId))
        .orderBy(asc(addenda.createdAt)),
      evidence: (
        await tx
          .select({ number: evidenceItems.number, type: evidenceItems.type })
          .from(evidenceItems)
          .where(eq(evidenceItems.hearingId, hearingId))
          .orderBy(asc(evidenceItems.number))
      ).map((item) => ({ number: item.number, type: item.type as EvidenceType })),
      services: (await tx.select().from(supportServices)).map((s) => ({
        ...supportServiceSchema.parse({
          name: s.name,
          kind: s.kind,
          region: s.region,
          languages: JSON.parse(s.languagesJson) as unknown,
          hours: s.hours,
          phone: s.phone,
          website: s.website,
          verifiedOn: s.verifiedOn,
          active: s.active,
        }),
        id: s.id,
      })),
    };
  }

  /** Her catalog (the procedure language's when hers has none), and the procedure's beside it. */
  function copyLanguages(record: HearingRecord): { her: VictimCatalog; procedure: VictimCatalog | null } {
    const setup = readAnswers(record.forms, FORMS.setup);
    const procedureCode = typeof setup.procedureLanguage === 'string' ? setup.procedureLanguage : 'fr';
    const procedure = deps.catalogs.get(procedureCode);
    if (!procedure) throw new AppError('INTERNAL', `No victim catalog for the procedure language ${procedureCode}`);
    const her =
      (typeof setup.victimLanguage === 'string' ? deps.catalogs.get(setup.victimLanguage) : undefined) ?? procedure;
    return { her, procedure: her.meta.language === procedure.meta.language ? null : procedure };
  }

  const catalogReviews = createVictimCatalogReviews({ store, catalogs: deps.catalogs, now });

  const victimDocuments = createVictimDocuments({
    store,
    catalogs: () => deps.catalogs.all(),
    options: { childNames: deps.settings.victimCopyChildNames, officerName: deps.settings.victimCopyOfficerName },
    now,
  });

  /** Her full copy or the neutral leaflet, every string of hers through the filter, with the officer's decisions applied. */
  async function victimDocumentHtml(
    tx: StoreDb,
    hearingId: string,
    variant: VictimCopyVariant,
    printedAt: number,
    reprint: boolean,
  ): Promise<{ html: string; language: string; withheld: number; filter: VictimTextFilter }> {
    const rec = await record(tx, hearingId);
    await victimDocuments.requireReviewed(tx, hearingId, rec);
    const { decisions } = await victimDocuments.decisionsOf(tx, hearingId);
    const { model, filter } = victimDocuments.build(rec, variant, decisions);
    const languages = copyLanguages(rec);
    const { her } = languages;
    // The leaflet's title and footer say nothing of a complaint: no reference, no police.
    const title = variant === 'full' ? `${her.copy.title} – ${rec.reference}` : her.leaflet.title;
    const html = renderDocumentHtml({
      lang: her.meta.language,
      dir: her.meta.direction,
      title,
      fontFaces: deps.fontFaces(),
      footer: { left: variant === 'full' ? rec.reference : '', pageOf: her.footer.page },
      children: <VictimDocument model={model} languages={languages} printedAt={printedAt} reprint={reprint} />,
    });
    const withheld = [...filter.seen.values()].reduce((n, seen) => n + seen.filtered.withheldCount, 0);
    return { html, language: her.meta.language, withheld, filter };
  }

  /** Who may print what, and when (victim-copy.md); throws the reason it may not. */
  async function checkPrintable(tx: StoreDb, user: UserView, hearingId: string, kind: DocumentKind): Promise<void> {
    if (kind === 'riskReport') {
      await deps.hearings.requireReadableHearing(tx, user, hearingId);
      if ((await deps.risk.historyIn(tx, user, hearingId)).assessments.length === 0)
        throw new AppError('DOCUMENT_NOT_APPLICABLE', 'No risk assessment has been submitted for this hearing');
      return;
    }
    const row = await deps.hearings.requireOwnHearing(tx, user, hearingId);
    if (kind === 'victimCopy') {
      if (row.status !== 'closed')
        throw new AppError('HEARING_NOT_CLOSED', 'Her copy is printed from the closed hearing');
      return;
    }
    const { forms } = await record(tx, hearingId);
    if (kind === 'immigrationCommunication') {
      if (readAnswers(forms, FORMS.documents).immigrationArt747 !== 'yes')
        throw new AppError('DOCUMENT_NOT_APPLICABLE', 'Art. 74/7 is not recorded as applying');
      if (row.statementApprovedAt === null)
        throw new AppError('STATEMENT_NOT_APPROVED', 'The communication carries the approved statement');
    }
    if (kind === 'prosecutorRequest') {
      if (measuresAskedOfProsecutor(readAnswers(forms, FORMS.measures)).length === 0)
        throw new AppError('DOCUMENT_NOT_APPLICABLE', 'No measure the prosecutor decides is recorded as requested');
    }
  }

  async function documentHtml(
    tx: StoreDb,
    user: UserView,
    hearingId: string,
    kind: DocumentKind,
    variant: VictimCopyVariant,
    printedAt: number,
    reprint: boolean,
  ) {
    if (kind === 'victimCopy') return victimDocumentHtml(tx, hearingId, variant, printedAt, reprint);
    const rec = await record(tx, hearingId);
    const assessments = await deps.risk.historyIn(tx, user, hearingId);
    return {
      ...renderProcedureDocument(kind, { record: rec, assessments, printedAt, reprint, fontFaces: deps.fontFaces() }),
      withheld: 0,
      filter: null,
    };
  }

  async function nextSequence(
    tx: StoreDb,
    hearingId: string,
    kind: DocumentKind,
    variant: VictimCopyVariant,
  ): Promise<number> {
    const [last] = await tx
      .select({ n: max(printedDocuments.sequence) })
      .from(printedDocuments)
      .where(
        and(
          eq(printedDocuments.hearingId, hearingId),
          eq(printedDocuments.kind, kind),
          eq(printedDocuments.variant, variant),
        ),
      );
    return (last?.n ?? 0) + 1;
  }

  /**
   * Renders, turns into a PDF, and (unless she cancelled the print dialog) archives and audits
   * it. The PDF is made before anything is written, so a failure leaves no trace but the error.
   */
  async function create(
    user: UserView,
    input: ChannelInput<'documents.create'>,
    clientId: string,
  ): Promise<ChannelOutput<'documents.create'>> {
    const { hearingId, kind } = input;
    const variant: VictimCopyVariant = kind === 'victimCopy' ? (input.variant ?? 'full') : 'full';
    await store.transaction(accessOf(user), (tx) => checkPrintable(tx, user, hearingId, kind));
    const output = deps.output;
    if (!output) throw new AppError('PRINTING_UNAVAILABLE', 'This window cannot make PDFs');
    if (input.output === 'printer' && !output.printPdf)
      throw new AppError('PRINTING_UNAVAILABLE', 'This window prints through the PDF');
    const printed = await archivePrint(user, { hearingId, kind, variant }, async ({ printedAt, sequence }) => {
      // Read in a unit of work of its own: Chromium makes the PDF outside any.
      const { html, language, withheld, filter } = await store.transaction(accessOf(user), (tx) =>
        documentHtml(tx, user, hearingId, kind, variant, printedAt, sequence > 1),
      );
      const pdf = await output.toPdf(html);
      if (filter) await victimDocuments.assertPdfRevealsNothing(pdf, filter);
      // What she is handed is the PDF just checked, the bytes archived below.
      if (input.output === 'printer' && !(await output.printPdf!(pdf, clientId))) return null;
      return { pdf, language, details: { output: input.output, ...(withheld > 0 ? { withheld } : {}) } };
    });
    if (!printed) return { document: null, pdfBase64: null };
    return {
      document: printed.document,
      pdfBase64: input.output === 'pdf' ? printed.pdf.toString('base64') : null,
    };
  }

  /**
   * The one way a printed document enters the archive: one print of a hearing at a time, so the
   * number a document carries ("reprint") is the one it is archived under; `make` renders it for
   * that number and time and turns it into a PDF (null: she cancelled the print dialog, nothing
   * is kept); then the PDF, its SHA-256 and the audit entry in one transaction. Every document
   * kind goes through here, the phone check's report included.
   */
  async function archivePrint(
    user: UserView,
    document: { hearingId: string; kind: DocumentKind; variant: VictimCopyVariant },
    make: (at: {
      printedAt: number;
      sequence: number;
    }) => Promise<{ pdf: Buffer; language: string; details?: Record<string, unknown> } | null>,
  ): Promise<{ document: PrintedDocumentView; pdf: Buffer } | null> {
    const { hearingId, kind, variant } = document;
    return oneAtATime(hearingId, async () => {
      const printedAt = now();
      const sequence = await store.transaction(accessOf(user), (tx) => nextSequence(tx, hearingId, kind, variant));
      const made = await make({ printedAt, sequence });
      if (!made) return null;
      const { pdf, language } = made;
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const row: Row = {
        id: randomUUID(),
        hearingId,
        kind,
        variant,
        language,
        sequence,
        sha256,
        bytes: pdf.length,
        pages: countPdfPages(pdf),
        pdf,
        printedAt,
        printedBy: user.id,
      };
      await store.transaction(accessOf(user), async (tx) => {
        await tx.insert(printedDocuments).values(row);
        await store.appendAudit(tx, {
          at: printedAt,
          userId: user.id,
          action: sequence > 1 ? 'document.reprinted' : 'document.printed',
          hearingId,
          details: { documentId: row.id, kind, variant, language, sequence, sha256, ...made.details },
        });
      });
      return { document: toView(row, user.displayName), pdf };
    });
  }

  const inFlight = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (inFlight.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    inFlight.set(key, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (inFlight.get(key) === next) inFlight.delete(key);
      });
    return next;
  }

  async function list(user: UserView, hearingId: string): Promise<ChannelOutput<'documents.list'>> {
    const rows = await store.transaction(accessOf(user), async (tx) => {
      await deps.hearings.requireReadableHearing(tx, user, hearingId);
      return tx
        .select({
          id: printedDocuments.id,
          hearingId: printedDocuments.hearingId,
          kind: printedDocuments.kind,
          variant: printedDocuments.variant,
          language: printedDocuments.language,
          sequence: printedDocuments.sequence,
          sha256: printedDocuments.sha256,
          bytes: printedDocuments.bytes,
          pages: printedDocuments.pages,
          printedAt: printedDocuments.printedAt,
          printedBy: printedDocuments.printedBy,
          printedByName: users.displayName,
        })
        .from(printedDocuments)
        .innerJoin(users, eq(users.id, printedDocuments.printedBy))
        .where(eq(printedDocuments.hearingId, hearingId))
        .orderBy(desc(printedDocuments.printedAt));
    });
    return { documents: rows.map((r) => toView(r, r.printedByName)) };
  }

  /** An archived PDF exactly as it was printed; each opening is audited. */
  async function archived(
    tx: StoreDb,
    user: UserView,
    documentId: string,
  ): Promise<{ row: Row; printedByName: string }> {
    const [row] = await tx.select().from(printedDocuments).where(eq(printedDocuments.id, documentId));
    if (!row) throw new AppError('NOT_FOUND', 'No such document');
    await deps.hearings.requireReadableHearing(tx, user, row.hearingId);
    const [printer] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.printedBy));
    return { row, printedByName: printer?.name ?? '' };
  }

  async function download(user: UserView, documentId: string): Promise<ChannelOutput<'documents.download'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const { row, printedByName } = await archived(tx, user, documentId);
      await store.appendAudit(tx, {
        at: now(),
        userId: user.id,
        action: 'document.opened',
        hearingId: row.hearingId,
        details: { documentId },
      });
      return { document: toView(row, printedByName), pdfBase64: Buffer.from(row.pdf).toString('base64') };
    });
  }

  async function save(user: UserView, documentId: string, clientId: string): Promise<ChannelOutput<'documents.save'>> {
    const { row, reference } = await store.transaction(accessOf(user), async (tx) => {
      const found = await archived(tx, user, documentId);
      const [hearing] = await tx
        .select({ reference: hearings.reference })
        .from(hearings)
        .where(eq(hearings.id, found.row.hearingId));
      return { row: found.row, reference: hearing?.reference };
    });
    if (!deps.output?.savePdf) throw new AppError('PRINTING_UNAVAILABLE', 'This window saves PDFs by download');
    const name = documentFileName(row, reference ?? 'document');
    const saved = await deps.output.savePdf(Buffer.from(row.pdf), name, clientId);
    if (saved)
      await store.transaction(accessOf(user), (tx) =>
        store.appendAudit(tx, {
          at: now(),
          userId: user.id,
          action: 'document.saved',
          hearingId: row.hearingId,
          details: { documentId },
        }),
      );
    return { saved };
  }

  /**
   * Every victim catalog with its translation status (the latest review recorded on the languages
   * screen for its texts as loaded, else its file's), and the files refused (the administrator's view).
   */
  async function catalogs(user: UserView): Promise<ChannelOutput<'documents.victimCatalogs'>> {
    return { catalogs: await catalogReviews.list(user), refused: deps.catalogs.refused() };
  }

  /** The administrator marks a catalog reviewed or sworn (services/victim-catalog-reviews.ts). */
  function reviewCatalog(
    user: UserView,
    input: ChannelInput<'documents.reviewVictimCatalog'>,
  ): Promise<ChannelOutput<'documents.reviewVictimCatalog'>['catalog']> {
    return catalogReviews.record(user, input);
  }

  /** What the officer reviews before her copy's first print (the officer who took the hearing, once it is closed). */
  async function reviewPreview(user: UserView, hearingId: string): Promise<ChannelOutput<'documents.reviewPreview'>> {
    return store.transaction(accessOf(user), async (tx) => {
      await deps.hearings.requireOwnHearing(tx, user, hearingId);
      return victimDocuments.preview(tx, hearingId, await record(tx, hearingId));
    });
  }

  async function saveReview(
    user: UserView,
    input: ChannelInput<'documents.saveReview'>,
  ): Promise<ChannelOutput<'documents.saveReview'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const row = await deps.hearings.requireOwnHearing(tx, user, input.hearingId);
      if (row.status !== 'closed')
        throw new AppError('HEARING_NOT_CLOSED', 'Her copy is reviewed once the hearing is closed');
      return victimDocuments.saveReview(tx, user, await record(tx, input.hearingId), input);
    });
  }

  return { create, archivePrint, list, download, save, catalogs, reviewCatalog, reviewPreview, saveReview };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
