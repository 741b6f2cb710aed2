import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { fieldLabel, type VictimCopyVariant } from '../../domain/document-kinds';
import { FORMS, readAnswers } from '../../forms/answers';
import type { VictimCatalog } from '../../forms/victim-catalogs';
import { AppError } from '../api/app-error';
import type { ChannelInput, ChannelOutput, UserView } from '../api/contract';
import type { Store, StoreDb } from '../db/store';
import { extractPdfPages } from '../documents/pdf-text';
import {
  VICTIM_DOCUMENTS,
  type HearingRecord,
  type VictimCopyOptions,
  type VictimDocumentModel,
} from '../documents/victim-copy-model';
import {
  createVictimTextFilter,
  holdsProtectedValue,
  NEVER_PRINTED_SERVICE_KINDS,
  NO_DECISIONS,
  normalisedPassage,
  protectedSourcesOf,
  textSha256,
  type ReviewDecisions,
  type VictimTextFilter,
} from '../documents/victim-safety';

/**
 * The fields the officer reads before her copy's first print: what was said and typed in the
 * hearing. The directory's entries, the unit and the officer's number go through the same filter
 * but are the administrator's, not her words.
 */
const ADMINISTERED_FIELD = /^(directory\.|unit\.|officer$|hearing\.reference$)/;

export interface VictimDocumentsDeps {
  store: Store;
  catalogs: () => VictimCatalog[];
  options: VictimCopyOptions;
  now: () => number;
}

export interface BuiltVictimDocument {
  model: VictimDocumentModel;
  filter: VictimTextFilter;
}

/**
 * Her documents and the officer's review of them (victim-copy.md, "Safety rules"): one filter for
 * every string, the review before the first print whenever the hearing holds where she is, and the
 * last check on the text of the PDF itself.
 */
export function createVictimDocuments(deps: VictimDocumentsDeps) {
  const { store } = deps;
  const { victimCopyReviews } = store.tables;

  async function decisionsOf(
    tx: StoreDb,
    hearingId: string,
  ): Promise<{ decisions: ReviewDecisions; covered: Set<string> }> {
    const rows = await tx
      .select()
      .from(victimCopyReviews)
      .where(eq(victimCopyReviews.hearingId, hearingId))
      .orderBy(asc(victimCopyReviews.reviewedAt));
    const decisions: ReviewDecisions = { withheld: [], released: [] };
    const covered = new Set<string>();
    for (const row of rows) {
      const stored = JSON.parse(row.decisionsJson) as ReviewDecisions;
      decisions.withheld.push(...stored.withheld);
      decisions.released.push(...stored.released);
      for (const c of JSON.parse(row.coveredJson) as { field: string; sha256: string }[])
        covered.add(`${c.field}\u0000${c.sha256}`);
    }
    return { decisions, covered };
  }

  function filterFor(record: HearingRecord, decisions: ReviewDecisions): VictimTextFilter {
    const shelters = record.services.filter((s) => NEVER_PRINTED_SERVICE_KINDS.has(s.kind));
    return createVictimTextFilter(
      protectedSourcesOf(readAnswers(record.forms, FORMS.people), shelters, deps.catalogs(), decisions),
      decisions,
    );
  }

  function build(record: HearingRecord, variant: VictimCopyVariant, decisions: ReviewDecisions): BuiltVictimDocument {
    const filter = filterFor(record, decisions);
    return { model: VICTIM_DOCUMENTS[variant](record, filter, deps.options), filter };
  }

  /** The texts the officer reviews (every field of the full copy, the leaflet's are a subset). */
  function reviewedTexts(record: HearingRecord, decisions: ReviewDecisions) {
    const { filter } = build(record, 'full', decisions);
    return [...filter.seen.entries()]
      .filter(([field]) => !ADMINISTERED_FIELD.test(field))
      .map(([field, seen]) => ({ field, sha256: textSha256(seen.original), filtered: seen.filtered }));
  }

  async function preview(
    tx: StoreDb,
    hearingId: string,
    record: HearingRecord,
  ): Promise<ChannelOutput<'documents.reviewPreview'>> {
    const { decisions, covered } = await decisionsOf(tx, hearingId);
    const fields = reviewedTexts(record, decisions).map(({ field, sha256, filtered }) => ({
      field,
      label: fieldLabel(field),
      sha256,
      reviewed: covered.has(`${field}\u0000${sha256}`),
      pieces: filtered.review.map((p) => ('match' in p ? { text: p.text, match: p.match } : { text: p.text })),
    }));
    const required = holdsProtectedValue(readAnswers(record.forms, FORMS.people));
    return { required, complete: !required || fields.every((f) => f.reviewed), fields, decisions };
  }

  /** Refuses the print of a document she takes home while any text of the hearing is unreviewed. */
  async function requireReviewed(tx: StoreDb, hearingId: string, record: HearingRecord): Promise<void> {
    if (!holdsProtectedValue(readAnswers(record.forms, FORMS.people))) return;
    const { decisions, covered } = await decisionsOf(tx, hearingId);
    const unreviewed = reviewedTexts(record, decisions).filter((f) => !covered.has(`${f.field}\u0000${f.sha256}`));
    if (unreviewed.length > 0)
      throw new AppError(
        'COPY_REVIEW_REQUIRED',
        `Review her copy first: ${unreviewed.length} text(s) not reviewed`,
        unreviewed.map((f) => f.field),
      );
  }

  async function saveReview(
    tx: StoreDb,
    user: UserView,
    record: HearingRecord,
    input: ChannelInput<'documents.saveReview'>,
  ): Promise<ChannelOutput<'documents.saveReview'>> {
    const { decisions } = await decisionsOf(tx, input.hearingId);
    const current = new Map(reviewedTexts(record, decisions).map((f) => [f.field, f]));
    // She decided on the texts she saw: if one changed since, she sees it again.
    for (const seen of input.fields) {
      if (current.get(seen.field)?.sha256 !== seen.sha256)
        throw new AppError('STALE_REVISION', 'A text changed since the review was opened; open it again', [seen.field]);
    }
    const everything = [...current.values()].map((f) =>
      normalisedPassage(f.filtered.review.map((p) => p.text).join('')),
    );
    const withheld = [...new Set(input.withhold.map((w) => w.trim()))];
    for (const phrase of withheld) {
      if (normalisedPassage(phrase).length < 3 || !everything.some((text) => text.includes(normalisedPassage(phrase))))
        throw new AppError('VALIDATION', 'A passage to withhold is not in the texts of this hearing', ['withhold']);
    }
    const released = input.release.map((r) => {
      const near = current
        .get(r.field)
        ?.filtered.review.some(
          (p) =>
            'match' in p && p.match.certainty === 'near' && normalisedPassage(p.text) === normalisedPassage(r.passage),
        );
      if (!near) throw new AppError('VALIDATION', 'Only a near match of this text can be released', ['release']);
      return { field: r.field, passage: normalisedPassage(r.passage), reason: r.reason.trim() };
    });
    const at = deps.now();
    const newDecisions: ReviewDecisions = { withheld, released };
    await tx.insert(victimCopyReviews).values({
      id: randomUUID(),
      hearingId: input.hearingId,
      decisionsJson: JSON.stringify(newDecisions),
      coveredJson: JSON.stringify(input.fields),
      reviewedAt: at,
      reviewedBy: user.id,
    });
    // Counts only: the trail never holds where she is.
    await store.appendAudit(tx, {
      at,
      userId: user.id,
      action: 'document.copyReviewed',
      hearingId: input.hearingId,
      details: { texts: input.fields.length, withheld: withheld.length, released: released.length },
    });
    return { saved: true };
  }

  /**
   * The last check, on the text Chromium put in the PDF: a page that still holds a value always
   * withheld is not printed, and the officer is told which field to change.
   */
  async function assertPdfRevealsNothing(pdf: Buffer, filter: VictimTextFilter): Promise<void> {
    const pages = await extractPdfPages(pdf);
    const leakingPages = pages.flatMap((text, i) => (filter.definiteMatches(text).length > 0 ? [i + 1] : []));
    if (leakingPages.length === 0) return;
    const fields = [...filter.seen.entries()]
      .filter(([, seen]) => filter.definiteMatches(seen.filtered.printedText).length > 0)
      .map(([field]) => field);
    throw new AppError(
      'DOCUMENT_WOULD_REVEAL',
      `Page ${leakingPages.join(', ')} would show a protected value; nothing was printed`,
      fields.length > 0 ? fields : ['document'],
    );
  }

  return {
    build,
    preview,
    saveReview,
    requireReviewed,
    assertPdfRevealsNothing,
    noDecisions: NO_DECISIONS,
    decisionsOf,
  };
}

export type VictimDocuments = ReturnType<typeof createVictimDocuments>;
