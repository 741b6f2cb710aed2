import { z } from 'zod';
import { DOCUMENT_KINDS, VICTIM_COPY_VARIANTS } from '../../../domain/document-kinds';
import { catalogReviewSchema, type VictimCatalog } from '../../../forms/victim-catalogs';
import { defineChannel, defineDomain, EVERY_ROLE, HEARING_ROLES, unlocked } from '../channel';
import { empty, id, pdfBase64, printedDocumentView, sha256Hex } from '../schemas';

/**
 * A victim catalog as main loaded it (validated when read: forms/victim-catalogs.ts), its status,
 * reviewer and day from the latest review recorded on the languages screen for these very texts,
 * else from its file; with who recorded that review and when (both null: the status is the file's).
 */
const reviewedCatalog = z.custom<
  VictimCatalog & { meta: VictimCatalog['meta'] & { recordedByName: string | null; recordedAt: number | null } }
>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    'meta' in value &&
    typeof value.meta === 'object' &&
    value.meta !== null &&
    'recordedAt' in value.meta &&
    'recordedByName' in value.meta,
);

const reviewField = z
  .string()
  .regex(/^[a-zA-Z0-9.-]+$/)
  .max(120);
const reviewMatch = z.object({
  certainty: z.enum(['definite', 'near']),
  kind: z.enum(['address', 'stayingAt', 'safeChannel', 'shelter', 'riskWording', 'officerWithheld']),
  rule: z.string(),
  /** The reason she gave when she released this near match; null while it is withheld. */
  released: z.string().nullable(),
});
const copyReviewView = z.object({
  /** The hearing holds where she is: her copy is printed only once every text was reviewed. */
  required: z.boolean(),
  complete: z.boolean(),
  fields: z.array(
    z.object({
      field: reviewField,
      label: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
      sha256: sha256Hex,
      /** Reviewed already, as it stands (a new addendum is not). */
      reviewed: z.boolean(),
      pieces: z.array(z.object({ text: z.string(), match: reviewMatch.optional() })),
    }),
  ),
  decisions: z.object({
    withheld: z.array(z.string()),
    released: z.array(z.object({ field: z.string(), passage: z.string(), reason: z.string() })),
  }),
});

/** The owner prints; a supervisor of the unit reads the archive and prints the risk report (checked by the service). */
const HEARING = unlocked(HEARING_ROLES);
/** Her copy's review is the officer's own. */
const OFFICER = unlocked(['officer']);

/** Printed documents, their archive, translations due, the victim's catalogs and her copy's review. */
export const documentsChannels = defineDomain('documents', {
  'documents.create': defineChannel({
    input: z
      .object({
        hearingId: id,
        kind: z.enum(DOCUMENT_KINDS),
        /** Only the victim's copy has a discreet variant (no police header, no narrative). */
        variant: z.enum(VICTIM_COPY_VARIANTS).default('full'),
        /** `pdf`: the PDF comes back to be shown or downloaded; `printer`: the system print dialog (Electron). */
        output: z.enum(['pdf', 'printer']),
      })
      .strict(),
    /** Null when she cancelled the print dialog: nothing was printed, nothing archived. */
    output: z.object({ document: printedDocumentView.nullable(), pdfBase64: pdfBase64.nullable() }),
    access: HEARING,
    handler: (input, { user, deps, clientId }) => deps.documents.create(user, input, clientId),
  }),
  'documents.list': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: z.object({ documents: z.array(printedDocumentView) }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.documents.list(user, input.hearingId),
  }),
  'documents.download': defineChannel({
    input: z.object({ documentId: id }).strict(),
    output: z.object({ document: printedDocumentView, pdfBase64 }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.documents.download(user, input.documentId),
  }),
  'documents.save': defineChannel({
    input: z.object({ documentId: id }).strict(),
    output: z.object({ saved: z.boolean() }),
    access: HEARING,
    handler: (input, { user, deps, clientId }) => deps.documents.save(user, input.documentId, clientId),
  }),
  'documents.victimCatalogs': defineChannel({
    input: empty,
    output: z.object({
      catalogs: z.array(reviewedCatalog),
      refused: z.array(z.object({ file: z.string(), problems: z.array(z.string()) })),
    }),
    // The rights step shows them to officers; the administrator's view lists their translation status.
    access: unlocked(EVERY_ROLE),
    handler: (_input, { user, deps }) => deps.documents.catalogs(user),
  }),
  /**
   * The administrator records that a qualified translator reviewed (or swore) a loaded catalog's
   * texts, from the languages screen: appended, audited, shown at once (no file edited, no restart).
   */
  'documents.reviewVictimCatalog': defineChannel({
    input: catalogReviewSchema,
    output: z.object({ catalog: reviewedCatalog }),
    access: unlocked(['administrator']),
    handler: async (input, { user, deps }) => ({ catalog: await deps.documents.reviewCatalog(user, input) }),
  }),
  /** Before her copy's first print: every text of the hearing with what will be withheld and every near match. */
  'documents.reviewPreview': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: copyReviewView,
    access: OFFICER,
    handler: (input, { user, deps }) => deps.documents.reviewPreview(user, input.hearingId),
  }),
  /** The officer's decisions: passages she withholds on top of the matches, near matches she releases and why. */
  'documents.saveReview': defineChannel({
    input: z
      .object({
        hearingId: id,
        /** The texts she read, as the preview gave them: a text changed since is refused (STALE_REVISION). */
        fields: z.array(z.object({ field: reviewField, sha256: sha256Hex }).strict()).max(500),
        withhold: z.array(z.string().trim().min(3).max(1_000)).max(100),
        release: z
          .array(
            z
              .object({
                field: reviewField,
                passage: z.string().min(1).max(1_000),
                reason: z.string().trim().min(5).max(1_000),
              })
              .strict(),
          )
          .max(100),
      })
      .strict(),
    output: z.object({ saved: z.literal(true) }),
    access: OFFICER,
    handler: (input, { user, deps }) => deps.documents.saveReview(user, input),
  }),
});
