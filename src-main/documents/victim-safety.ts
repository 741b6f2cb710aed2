import { createHash } from 'node:crypto';
import { answerPath, FIELDS, FORMS } from '../../forms/answers';
import type { VictimCatalog } from '../../forms/victim-catalogs';
import {
  compileProtectedMatcher,
  normaliseForMatching,
  type ProtectedKind,
  type ProtectedMatch,
  type ProtectedSource,
} from './safety/protected-matcher';

/**
 * The one filter every string on a victim-facing document goes through (victim-copy.md, "Safety
 * rules"). A document model holds her free text only as `FilteredText`, which nothing but this
 * module can make; the document components print nothing else but catalog texts, dates and
 * numbers. test/unit/victim-documents.test.tsx walks every victim-facing model to hold that.
 */

/** Shelters are never printed, whatever the officer chose: their address is what a perpetrator looks for. */
export const NEVER_PRINTED_SERVICE_KINDS = new Set(['shelter']);

/** A near match the officer released with a reason: printed in that field, where it stands. */
export interface ReleasedPassage {
  field: string;
  /** The passage as matched, normalised (`normaliseForMatching`), so that spacing does not matter. */
  passage: string;
  reason: string;
}

/** What the officer decided in her reviews of the hearing (all of them apply). */
export interface ReviewDecisions {
  /** Passages she selected: withheld wherever they stand, in every field and every reprint. */
  withheld: string[];
  released: ReleasedPassage[];
}

export const NO_DECISIONS: ReviewDecisions = { withheld: [], released: [] };

/** One piece of a filtered text, as the officer's review shows it. */
export type ReviewPiece =
  | { text: string }
  | {
      text: string;
      match: { certainty: ProtectedMatch['certainty']; kind: ProtectedKind; rule: string; released: string | null };
    };

/** A piece as printed: her text, or the mark that a passage was withheld. */
export type PrintedPiece = { text: string } | { withheld: true };

/**
 * Free text that went through the filter. The class is not exported: only this module makes one,
 * so a document model cannot hold her text without it (the type is exported below).
 */
class FilteredText {
  constructor(
    readonly field: string,
    readonly pieces: readonly PrintedPiece[],
    readonly review: readonly ReviewPiece[],
  ) {}

  /** The text as it will be printed, a withheld passage as `[…]`. */
  get printedText(): string {
    return this.pieces.map((p) => ('text' in p ? p.text : ' […] ')).join('');
  }

  get withheldCount(): number {
    return this.pieces.filter((p) => 'withheld' in p).length;
  }
}

export type { FilteredText };

export function isFilteredText(value: unknown): value is FilteredText {
  return value instanceof FilteredText;
}

function filtered(field: string, review: ReviewPiece[]): FilteredText {
  const printed: PrintedPiece[] = [];
  for (const piece of review) {
    const withheld = 'match' in piece && piece.match.released === null;
    if (withheld) {
      if (!(printed.at(-1) && 'withheld' in printed.at(-1)!)) printed.push({ withheld: true });
    } else if (piece.text !== '') printed.push({ text: piece.text });
  }
  return new FilteredText(field, printed, review);
}

/** The fields of the people step that hold where she is and how to reach her safely. */
/** As stored, checked here again: whatever they hold, these values never reach her paper. */
export type ProtectedPeopleAnswers = Partial<
  Record<
    | typeof FIELDS.people.victimAddress
    | typeof FIELDS.people.victimAddressNonCommunicable
    | typeof FIELDS.people.victimStayingAt
    | typeof FIELDS.people.victimSafeChannelDetail,
    unknown
  >
>;

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * The values of the hearing that no victim-facing document may show, with where they are stored:
 * her address when it is non-communicable, where she is staying, her safe contact channel, every
 * shelter of the directory, and the risk wording of every victim catalog.
 */
export function protectedSourcesOf(
  people: ProtectedPeopleAnswers,
  shelters: { id: string; name: string; phone: string; website: string }[],
  catalogs: VictimCatalog[],
  decisions: ReviewDecisions,
): ProtectedSource[] {
  const sources: ProtectedSource[] = [];
  if (people.victimAddressNonCommunicable === 'yes' && filled(people.victimAddress))
    sources.push({
      kind: 'address',
      field: answerPath(FORMS.people, FIELDS.people.victimAddress),
      value: people.victimAddress,
    });
  if (filled(people.victimStayingAt))
    sources.push({
      kind: 'stayingAt',
      field: answerPath(FORMS.people, FIELDS.people.victimStayingAt),
      value: people.victimStayingAt,
    });
  if (filled(people.victimSafeChannelDetail))
    sources.push({
      kind: 'safeChannel',
      field: answerPath(FORMS.people, FIELDS.people.victimSafeChannelDetail),
      value: people.victimSafeChannelDetail,
    });
  for (const shelter of shelters) {
    for (const value of [shelter.name, shelter.phone, shelter.website.replace(/^https:\/\//, '')])
      if (filled(value)) sources.push({ kind: 'shelter', field: `directory.${shelter.id}`, value });
  }
  for (const catalog of catalogs) {
    for (const phrase of catalog.protectedTerms.risk.split('|'))
      if (filled(phrase))
        sources.push({ kind: 'riskWording', field: `catalog.${catalog.meta.language}`, value: phrase.trim() });
  }
  for (const phrase of decisions.withheld)
    if (filled(phrase)) sources.push({ kind: 'officerWithheld', field: 'review', value: phrase });
  return sources;
}

/** Whether the officer must review her copy before its first print: the hearing holds where she is. */
export function holdsProtectedValue(people: ProtectedPeopleAnswers): boolean {
  return (
    (people.victimAddressNonCommunicable === 'yes' && filled(people.victimAddress)) ||
    filled(people.victimStayingAt) ||
    filled(people.victimSafeChannelDetail)
  );
}

export function normalisedPassage(text: string): string {
  return normaliseForMatching(text).text.trim();
}

export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface VictimTextFilter {
  /** Her text from `field`, with what must not reach her paper withheld; null when empty. */
  text(field: string, value: unknown): FilteredText | null;
  /** Every text filtered so far, by field (what the officer reviews). */
  readonly seen: ReadonlyMap<string, { original: string; filtered: FilteredText }>;
  /** Whether a text (the PDF's own, at the last check) still holds a value that is always withheld. */
  definiteMatches(text: string): ProtectedMatch[];
}

export function createVictimTextFilter(sources: ProtectedSource[], decisions: ReviewDecisions): VictimTextFilter {
  const matcher = compileProtectedMatcher(sources);
  const released = new Map<string, string>();
  for (const r of decisions.released) released.set(`${r.field}\u0000${r.passage}`, r.reason);
  const seen = new Map<string, { original: string; filtered: FilteredText }>();

  function text(field: string, value: unknown): FilteredText | null {
    if (typeof value !== 'string' || value.trim() === '') return null;
    const original = value.normalize('NFC');
    const review: ReviewPiece[] = [];
    let last = 0;
    for (const m of matcher.empty ? [] : matcher.find(original)) {
      if (m.start > last) review.push({ text: original.slice(last, m.start) });
      const passage = original.slice(m.start, m.end);
      const releasedReason =
        m.certainty === 'near' ? (released.get(`${field}\u0000${normalisedPassage(passage)}`) ?? null) : null;
      review.push({
        text: passage,
        match: { certainty: m.certainty, kind: m.kind, rule: m.rule, released: releasedReason },
      });
      last = m.end;
    }
    if (last < original.length) review.push({ text: original.slice(last) });
    const result = filtered(field, review);
    seen.set(field, { original, filtered: result });
    return result;
  }

  return {
    text,
    seen,
    definiteMatches: (pdfText) =>
      matcher.empty ? [] : matcher.find(pdfText).filter((m) => m.certainty === 'definite'),
  };
}
