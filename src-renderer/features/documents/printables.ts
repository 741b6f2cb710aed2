import type { TFunction } from 'i18next';
import { FIELDS } from '../../../forms/answers';
import { measuresAskedOfProsecutor } from '../../../forms/definitions/measures.v1';
import type { Answers } from '../../../forms/engine';
import type { DocumentKind, VictimCopyVariant } from '../../../domain/document-kinds';
import type { OfficerKey } from '../../../forms/translation';
import type { PrintedDocumentView } from '../../../src-main/api/contract';

export interface Printable {
  /** The phone check's report is printed from the phone check, not offered here. */
  kind: Exclude<DocumentKind, 'phoneCheckReport'>;
  variant: VictimCopyVariant;
  /** Why it cannot be printed now, as a catalog key; null when it can. */
  unavailable: OfficerKey | null;
}

/** The documents the panel offers, each with why it cannot be printed yet, if it cannot. */
export function printablesOf({
  owner,
  closed,
  review,
  measures,
  documents,
}: {
  owner: boolean;
  closed: boolean;
  review: { required: boolean; complete: boolean } | null;
  measures: Partial<Answers>;
  documents: Partial<Answers>;
}): Printable[] {
  return [
    ...(['full', 'discreet'] as const).map((variant): Printable => ({
      kind: 'victimCopy',
      variant,
      unavailable: !owner
        ? 'documents.panel.ownerOnly'
        : !closed
          ? 'documents.panel.closeFirst'
          : // Until the review has loaded, nobody knows whether it is needed: main would refuse the print.
            review === null || (review.required && !review.complete)
            ? 'documents.panel.reviewFirst'
            : null,
    })),
    {
      kind: 'prosecutorRequest',
      variant: 'full',
      unavailable: !owner
        ? 'documents.panel.ownerOnly'
        : measuresAskedOfProsecutor(measures).length > 0
          ? null
          : 'documents.panel.nothingRequested',
    },
    {
      kind: 'immigrationCommunication',
      variant: 'full',
      unavailable: !owner
        ? 'documents.panel.ownerOnly'
        : documents[FIELDS.documents.immigrationArt747] === 'yes'
          ? null
          : 'documents.panel.art747NotRecorded',
    },
    { kind: 'riskReport', variant: 'full', unavailable: null },
  ];
}

/** A document's name as the panel shows it: her copy by its variant, the others by their title. */
export function documentName(t: TFunction, document: Pick<PrintedDocumentView, 'kind' | 'variant'>): string {
  return document.kind === 'victimCopy'
    ? t(`documents.panel.victimCopy.${document.variant}`)
    : t(`documents.${document.kind}.title`);
}

/** A PDF received as base64, as a link the browser opens in its PDF viewer or downloads. */
export function pdfUrl(pdfBase64: string): string {
  return URL.createObjectURL(
    new Blob([Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0))], { type: 'application/pdf' }),
  );
}
