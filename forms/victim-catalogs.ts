import { z } from 'zod';
import { placeholdersOf } from './catalog-text';
import { translator, type OfficerKey } from './translation';
import english from './catalogs/victim/en.json';

/**
 * What the victim reads: her rights in the hearing, and her copy of the complaint. One JSON file
 * per language in `forms/catalogs/victim/`, read by main at start-up (adding a language is
 * adding a file; a new script also needs its font in `forms/catalogs/fonts.json`). English is
 * the source: every other catalog must have exactly its keys, and keep its `{{placeholders}}`.
 */

export const TRANSLATION_STATUSES = ['machine', 'reviewed', 'sworn'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

/** What the administrator's languages screen records over a file's status; a machine translation is the file's alone. */
export const REVIEW_STATUSES = ['reviewed', 'sworn'] as const satisfies readonly TranslationStatus[];
export const REVIEWER_MAX_LENGTH = 200;

/**
 * A review recorded from the languages screen (documents.reviewVictimCatalog), checked with the
 * same rules in the form and in main; main also refuses a language it did not load and a day after
 * today in Brussels. Each message is a key of the officer catalogs.
 */
export const catalogReviewSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2,3}$/, { error: 'languages.review.problem.language' satisfies OfficerKey }),
    status: z.enum(REVIEW_STATUSES, { error: 'languages.review.problem.status' satisfies OfficerKey }),
    /** The reviewer's or sworn translator's name and capacity, as typed. */
    reviewer: z
      .string()
      .trim()
      .min(1, { error: 'form.required' satisfies OfficerKey })
      .max(REVIEWER_MAX_LENGTH, { error: 'languages.review.problem.reviewerTooLong' satisfies OfficerKey }),
    /** The day of the review, ISO (typed dd/mm/yyyy on screen). */
    reviewedOn: z.iso.date({ error: 'answer.impossibleDate' satisfies OfficerKey }),
  })
  .strict();

export type CatalogReviewInput = z.input<typeof catalogReviewSchema>;

/**
 * What the form says beside a field when main refuses it (VALIDATION names the field, never why):
 * for each field of the review, a key of the officer catalogs.
 */
export const CATALOG_REVIEW_PROBLEMS = {
  language: 'languages.review.problem.language',
  status: 'languages.review.problem.status',
  reviewer: 'languages.review.problem.reviewer',
  reviewedOn: 'languages.review.problem.reviewedOn',
} as const satisfies Record<keyof CatalogReviewInput, OfficerKey>;

const metaSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2,3}$/),
    /** The language's own name for itself, shown to her. */
    name: z.string().min(1),
    direction: z.enum(['ltr', 'rtl']),
    status: z.enum(TRANSLATION_STATUSES),
    translatedBy: z.string().min(1),
    /** Who reviewed (or swore) the translation, and when; null while nobody has. */
    reviewedBy: z.string().min(1).nullable(),
    reviewedOn: z.iso.date().nullable(),
    date: z.iso.date(),
  })
  .strict()
  .refine((m) => m.status === 'machine' || (m.reviewedBy !== null && m.reviewedOn !== null), {
    error: 'a reviewed or sworn catalog names its reviewer and the date',
    path: ['reviewedBy'],
  });

type Shape = { [key: string]: string | Shape };

/** The same nesting and keys as the English catalog, each text non-empty. */
function textsLike(shape: Shape): z.ZodType<Shape> {
  const entries = Object.entries(shape).map(
    ([key, value]) => [key, typeof value === 'string' ? z.string().trim().min(1) : textsLike(value)] as const,
  );
  return z.object(Object.fromEntries(entries)).strict() as unknown as z.ZodType<Shape>;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the meta is checked by its own schema
const { meta: _englishMeta, ...englishTexts } = english;

export const victimCatalogSchema = z
  .object({ meta: metaSchema, ...(textsLike(englishTexts as Shape) as unknown as z.ZodObject).shape })
  .strict();

export type VictimCatalogMeta = z.output<typeof metaSchema>;
export type VictimTexts = typeof englishTexts;
export type VictimCatalog = { meta: VictimCatalogMeta } & VictimTexts;

/** Every text key, dotted (`rights.interpreter`), in the English catalog's order. */
export function victimTextKeys(node: Shape = englishTexts as Shape, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : victimTextKeys(value, `${prefix}${key}.`),
  );
}

/**
 * Her text at a dotted key, as written (placeholders kept for the page to fill), through the one
 * translation runtime; undefined when there is none.
 */
export function victimText(catalog: VictimCatalog | undefined, key: string): string | undefined {
  return catalog ? translator(catalog.meta.language, catalog)(key) : undefined;
}

/**
 * Parses one catalog file: the schema, and the English placeholders kept in every text. Returns
 * the reasons it is refused, so the administrator's view can say which file is broken and why.
 */
export function parseVictimCatalog(
  raw: unknown,
): { ok: true; catalog: VictimCatalog } | { ok: false; problems: string[] } {
  const parsed = victimCatalogSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const catalog = parsed.data as unknown as VictimCatalog;
  const problems = victimTextKeys().flatMap((key) => {
    const source = placeholdersOf(victimText(english as unknown as VictimCatalog, key)!);
    const translated = placeholdersOf(victimText(catalog, key)!);
    return source.join() === translated.join()
      ? []
      : [`${key}: placeholders ${translated.join(', ') || 'none'} instead of ${source.join(', ')}`];
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, catalog };
}
