/**
 * The documents printed from a hearing (victim-copy.md), all from one engine
 * (src-main/documents/): the victim's copy in her language, and three documents in the
 * procedure language.
 */
export const DOCUMENT_KINDS = [
  'victimCopy',
  'prosecutorRequest',
  'immigrationCommunication',
  'riskReport',
  /** The phone check's report (digital-violence.md §D7), printed from the phone check, never from the documents panel. */
  'phoneCheckReport',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const VICTIM_COPY_VARIANTS = ['full', 'discreet'] as const;
export type VictimCopyVariant = (typeof VICTIM_COPY_VARIANTS)[number];

/**
 * The file name a document is saved or downloaded under. What she takes home says nothing about
 * violence, a complaint or the police: her copy is a "copy", the leaflet "contacts", each with the
 * day it was printed; the procedure-language documents keep their reference and kind.
 */
export function documentFileName(
  document: { kind: DocumentKind; variant: VictimCopyVariant; sequence: number; printedAt: number },
  reference: string,
): string {
  const day = new Date(document.printedAt).toISOString().slice(0, 10);
  if (document.kind === 'victimCopy')
    return `${document.variant === 'full' ? 'copy' : 'contacts'}-${day}${document.sequence > 1 ? `-${document.sequence}` : ''}.pdf`;
  return `${reference.replace(/[^\w.-]+/g, '_')}-${document.kind}-${document.sequence}.pdf`;
}

/**
 * The officer catalog's label of a text on her copy (`statement`, `addendum.2`, `facts.place`...),
 * for the review and for "change this field" when the last check refused a page.
 */
export function fieldLabel(field: string): { key: string; params?: Record<string, string | number> } {
  const addendum = /^addendum\.(\d+)$/.exec(field);
  if (addendum) return { key: 'documents.review.field.addendum', params: { n: Number(addendum[1]) } };
  const child = /^people\.children\.(\d+)\.firstName$/.exec(field);
  if (child) return { key: 'documents.review.field.child', params: { n: Number(child[1]) + 1 } };
  const right = /^rights\.(\w+)Answer$/.exec(field);
  if (right) return { key: `form.rights.${right[1]}.answer` };
  if (field.startsWith('directory.')) return { key: 'documents.review.field.directory' };
  return { key: `documents.review.field.${field.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase())}` };
}
