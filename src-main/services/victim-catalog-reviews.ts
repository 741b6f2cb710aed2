import { createHash, randomUUID } from 'node:crypto';
import { desc, eq, inArray } from 'drizzle-orm';
import { brusselsDay } from '../../domain/brussels-time';
import { victimText, victimTextKeys, type CatalogReviewInput, type VictimCatalog } from '../../forms/victim-catalogs';
import { AppError } from '../api/app-error';
import type { ChannelOutput, UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb } from '../db/store';
import type { VictimCatalogStore } from '../documents/victim-catalog-store';

/** A catalog as the screens read it: its status from the latest review of these texts, else from its file. */
type ReviewedVictimCatalog = ChannelOutput<'documents.victimCatalogs'>['catalogs'][number];

/**
 * The SHA-256 of a catalog's texts as main loaded them (every text key in the English catalog's
 * order, with its text; not the meta, which a review replaces): a review holds for exactly the
 * texts that were reviewed, whatever the file's layout.
 */
export function catalogTextsSha256(catalog: VictimCatalog): string {
  const texts = victimTextKeys().map((key) => [key, victimText(catalog, key) ?? null]);
  return createHash('sha256').update(JSON.stringify(texts)).digest('hex');
}

/**
 * Victim catalogs marked reviewed (or sworn) from the administrator's languages screen: recorded
 * in the store, append-only (a correction is a new row), audited; no file to edit, no restart.
 * A review names the texts it covers by their SHA-256, so a catalog an upgrade changed reads as
 * its file says again until someone reviews it anew.
 */
export function createVictimCatalogReviews({
  store,
  catalogs,
  now,
}: {
  store: Store;
  catalogs: VictimCatalogStore;
  now: () => number;
}) {
  const { victimCatalogReviews, users } = store.tables;
  // Each loaded catalog's hash, computed once: the catalogs are read at start and never change.
  const hashes = new Map(catalogs.all().map((c) => [c.meta.language, catalogTextsSha256(c)]));

  /** Every loaded catalog, its meta overlaid by the latest review of its texts as loaded. */
  async function overlaid(tx: StoreDb): Promise<ReviewedVictimCatalog[]> {
    const rows = await tx
      .select({
        language: victimCatalogReviews.language,
        catalogSha256: victimCatalogReviews.catalogSha256,
        status: victimCatalogReviews.status,
        reviewer: victimCatalogReviews.reviewer,
        reviewedOn: victimCatalogReviews.reviewedOn,
        recordedAt: victimCatalogReviews.recordedAt,
        recordedByName: users.displayName,
      })
      .from(victimCatalogReviews)
      .innerJoin(users, eq(users.id, victimCatalogReviews.recordedBy))
      .where(inArray(victimCatalogReviews.catalogSha256, [...new Set(hashes.values())]))
      .orderBy(desc(victimCatalogReviews.recordedAt));
    return catalogs.all().map((catalog) => {
      const { language } = catalog.meta;
      const latest = rows.find((r) => r.language === language && r.catalogSha256 === hashes.get(language));
      return latest
        ? {
            ...catalog,
            meta: {
              ...catalog.meta,
              status: latest.status,
              reviewedBy: latest.reviewer,
              reviewedOn: latest.reviewedOn,
              recordedByName: latest.recordedByName,
              recordedAt: latest.recordedAt,
            },
          }
        : { ...catalog, meta: { ...catalog.meta, recordedByName: null, recordedAt: null } };
    });
  }

  /** The catalogs as every screen shows them (the rights step, her copy's notice, the languages screen). */
  function list(user: UserView): Promise<ReviewedVictimCatalog[]> {
    return store.transaction(accessOf(user), overlaid);
  }

  /** The administrator records that a qualified translator reviewed (or swore) a catalog's texts as loaded. */
  async function record(user: UserView, input: CatalogReviewInput): Promise<ReviewedVictimCatalog> {
    if (user.role !== 'administrator') throw new AppError('FORBIDDEN', 'Only an administrator records a review');
    const at = now();
    const catalogSha256 = hashes.get(input.language);
    if (!catalogs.get(input.language) || !catalogSha256)
      throw new AppError('VALIDATION', `No catalog is loaded for the language ${input.language}`, ['language']);
    // The reviewer dated it by the Belgian calendar: a day after today in Brussels has not come yet.
    if (input.reviewedOn > brusselsDay(at))
      throw new AppError('VALIDATION', 'A review cannot be dated after today', ['reviewedOn']);
    return store.transaction(accessOf(user), async (tx) => {
      await tx.insert(victimCatalogReviews).values({
        id: randomUUID(),
        language: input.language,
        catalogSha256,
        status: input.status,
        reviewer: input.reviewer.trim(),
        reviewedOn: input.reviewedOn,
        recordedBy: user.id,
        recordedAt: at,
      });
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'languages.catalog_reviewed',
        details: { language: input.language, status: input.status },
      });
      return (await overlaid(tx)).find((c) => c.meta.language === input.language)!;
    });
  }

  return { list, record };
}

export type VictimCatalogReviews = ReturnType<typeof createVictimCatalogReviews>;
