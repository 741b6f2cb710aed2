/**
 * The documents printed from a hearing (victim-copy.md), all from one engine
 * (src-main/documents/): the victim's copy in her language, and three documents in the
 * procedure language.
 */
export const DOCUMENT_KINDS = ['victimCopy', 'prosecutorRequest', 'immigrationCommunication', 'riskReport'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const VICTIM_COPY_VARIANTS = ['full', 'discreet'] as const;
export type VictimCopyVariant = (typeof VICTIM_COPY_VARIANTS)[number];
