import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFICER_UI_LANGUAGES } from '../../domain/languages';
import de from '../../forms/catalogs/officer/de.json';
import en from '../../forms/catalogs/officer/en.json';
import fr from '../../forms/catalogs/officer/fr.json';
import nl from '../../forms/catalogs/officer/nl.json';
import { translator } from '../../forms/translation';
import { CATALOG_REVIEW_PROBLEMS } from '../../forms/victim-catalogs';
import type { ChannelInput } from '../../src-main/api/contract';
import { loadVictimCatalogs } from '../../src-main/documents/victim-catalog-store';
import { catalogTextsSha256 } from '../../src-main/services/victim-catalog-reviews';
import {
  ASSETS,
  openTestCore,
  PEOPLE,
  seedAccounts,
  snapshotRecords,
  snapshotTables,
  type TestCore,
} from '../helpers/temp-core';

/**
 * A victim catalog marked reviewed (or sworn) from the administrator's languages screen, recorded
 * in the store with who and when (issue 17, item 8): what every screen then reads through
 * documents.victimCatalogs, for the texts reviewed only. Invented people.
 */
const loaded = loadVictimCatalogs(ASSETS.victimCatalogsDir);
const arabic = loaded.get('ar')!;
const REVIEW: ChannelInput<'documents.reviewVictimCatalog'> = {
  language: 'ar',
  status: 'reviewed',
  reviewer: '  Samira Fictive, traductrice (inventée)  ',
  reviewedOn: '2026-11-20',
};

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
  await seedAccounts(t);
});
afterEach(() => t.close());

const catalogOf = async (client: string, language: string) =>
  (await t.ok(client, 'documents.victimCatalogs', {})).catalogs.find((c) => c.meta.language === language)!;

async function refusal(client: string, input: unknown) {
  const result = await t.core.dispatcher.dispatch(client, 'documents.reviewVictimCatalog', input);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
  return result.error;
}

describe('a victim catalog reviewed from the languages screen', () => {
  it('reads as its file says until a review is recorded', async () => {
    const catalog = await catalogOf('officer-window', 'ar');
    expect(catalog.meta).toMatchObject({
      status: arabic.meta.status,
      reviewedBy: arabic.meta.reviewedBy,
      reviewedOn: arabic.meta.reviewedOn,
      recordedByName: null,
      recordedAt: null,
    });
    expect(catalog.rights).toEqual(arabic.rights);
  });

  it('is recorded by the administrator, with who and when, audited, and read back by every role', async () => {
    t.clock.now += 60_000;
    const { catalog } = await t.ok('admin-window', 'documents.reviewVictimCatalog', REVIEW);
    const expected = {
      language: 'ar',
      status: 'reviewed',
      reviewedBy: 'Samira Fictive, traductrice (inventée)',
      reviewedOn: '2026-11-20',
      recordedByName: PEOPLE.admin.displayName,
      recordedAt: t.clock.now,
      // The rest of the file's meta stays as written.
      name: arabic.meta.name,
      direction: 'rtl',
      translatedBy: arabic.meta.translatedBy,
    };
    expect(catalog.meta).toMatchObject(expected);
    // The officer's rights step and her copy's notice read the same channel.
    expect((await catalogOf('officer-window', 'ar')).meta).toMatchObject(expected);
    expect((await catalogOf('admin-window', 'ar')).meta).toMatchObject(expected);
    // The other catalogs are untouched.
    expect((await catalogOf('officer-window', 'pl')).meta).toMatchObject({ recordedAt: null });

    const [row] = await t.sql<Record<string, unknown>>('SELECT * FROM victim_catalog_reviews');
    const [admin] = await t.sql<{ id: string }>('SELECT id FROM users WHERE username = ?', [PEOPLE.admin.username]);
    expect(row).toMatchObject({
      language: 'ar',
      catalog_sha256: catalogTextsSha256(arabic),
      status: 'reviewed',
      reviewer: 'Samira Fictive, traductrice (inventée)',
      reviewed_on: '2026-11-20',
      recorded_by: admin!.id,
      recorded_at: t.clock.now,
    });
    const audit = await t.sql<{ user_id: string; details: string }>(
      "SELECT user_id, details_json AS details FROM audit_events WHERE action = 'languages.catalog_reviewed'",
    );
    expect(audit).toEqual([{ user_id: admin!.id, details: JSON.stringify({ language: 'ar', status: 'reviewed' }) }]);
  });

  it('is corrected by a new review, the earlier one kept', async () => {
    t.clock.now += 60_000;
    await t.ok('admin-window', 'documents.reviewVictimCatalog', REVIEW);
    t.clock.now += 60_000;
    const { catalog } = await t.ok('admin-window', 'documents.reviewVictimCatalog', {
      ...REVIEW,
      status: 'sworn',
      reviewer: 'Samira Fictive, traductrice jurée (inventée)',
      reviewedOn: '2026-11-23',
    });
    expect(catalog.meta).toMatchObject({ status: 'sworn', reviewedOn: '2026-11-23', recordedAt: t.clock.now });
    expect((await catalogOf('officer-window', 'ar')).meta.status).toBe('sworn');
    const rows = await t.sql<{ status: string }>('SELECT status FROM victim_catalog_reviews ORDER BY recorded_at');
    expect(rows.map((r) => r.status)).toEqual(['reviewed', 'sworn']);
  });

  it('is refused to an officer and to a window without a session, and nothing but the refusal is written', async () => {
    const before = await snapshotRecords(t);
    expect(await refusal('officer-window', REVIEW)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal('nobody-window', REVIEW)).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await snapshotRecords(t)).toEqual(before);
    expect((await catalogOf('officer-window', 'ar')).meta.recordedAt).toBeNull();
  });

  it('refuses bad input with the field named, a problem the officer catalogs word, and changes nothing', async () => {
    const before = await snapshotTables(t);
    const cases: [object, string][] = [
      [{ language: 'xx' }, 'language'],
      [{ language: 'AR!' }, 'language'],
      [{ status: 'machine' }, 'status'],
      [{ reviewer: '   ' }, 'reviewer'],
      [{ reviewer: 'x'.repeat(201) }, 'reviewer'],
      [{ reviewedOn: '2026-02-30' }, 'reviewedOn'],
      [{ reviewedOn: '23/11/2026' }, 'reviewedOn'],
      // The test clock is 23 November 2026, 10:00 in Brussels: the next day has not come.
      [{ reviewedOn: '2026-11-24' }, 'reviewedOn'],
    ];
    const catalogs = { fr, nl, de, en };
    for (const [change, field] of cases) {
      const error = await refusal('admin-window', { ...REVIEW, ...change });
      expect(error, JSON.stringify(change)).toMatchObject({ code: 'VALIDATION', fields: [field] });
      // The form puts main's refusal beside the field it names, worded in every interface language.
      const key = CATALOG_REVIEW_PROBLEMS[field as keyof typeof CATALOG_REVIEW_PROBLEMS];
      for (const language of OFFICER_UI_LANGUAGES)
        expect(translator(language, catalogs[language])(key), `${language} ${key}`).toEqual(expect.any(String));
    }
    expect(await refusal('admin-window', { ...REVIEW, unexpected: true })).toMatchObject({ code: 'VALIDATION' });
    expect(await snapshotTables(t)).toEqual(before);
    // Today is a day the review may carry.
    const { catalog } = await t.ok('admin-window', 'documents.reviewVictimCatalog', {
      ...REVIEW,
      reviewedOn: '2026-11-23',
    });
    expect(catalog.meta.reviewedOn).toBe('2026-11-23');
  });

  it('keeps every review as recorded: the store refuses to change or remove one', async () => {
    await t.ok('admin-window', 'documents.reviewVictimCatalog', REVIEW);
    await expect(t.sql("UPDATE victim_catalog_reviews SET reviewer = 'Quelqu’un d’autre'")).rejects.toThrow(
      'catalog reviews are never changed',
    );
    await expect(t.sql('DELETE FROM victim_catalog_reviews')).rejects.toThrow('catalog reviews are never removed');
    expect(await t.sql('SELECT reviewer FROM victim_catalog_reviews')).toEqual([
      { reviewer: 'Samira Fictive, traductrice (inventée)' },
    ]);
  });

  it('ignores a review of other texts: a catalog an upgrade changed reads as its file again', async () => {
    t.clock.now += 60_000;
    await t.ok('admin-window', 'documents.reviewVictimCatalog', REVIEW);
    const recordedAt = t.clock.now;
    // A later review of the Arabic texts as an earlier (or later) version had them.
    const [admin] = await t.sql<{ id: string }>('SELECT id FROM users WHERE username = ?', [PEOPLE.admin.username]);
    await t.sql(
      `INSERT INTO victim_catalog_reviews (id, language, catalog_sha256, status, reviewer, reviewed_on, recorded_by, recorded_at)
       VALUES (?, 'ar', ?, 'sworn', 'Traducteur d’une autre version (inventé)', '2026-11-21', ?, ?)`,
      [randomUUID(), 'f'.repeat(64), admin!.id, recordedAt + 60_000],
    );
    // And a review of these very texts recorded under another language counts for neither.
    await t.sql(
      `INSERT INTO victim_catalog_reviews (id, language, catalog_sha256, status, reviewer, reviewed_on, recorded_by, recorded_at)
       VALUES (?, 'pl', ?, 'sworn', 'Mauvaise langue (inventé)', '2026-11-21', ?, ?)`,
      [randomUUID(), catalogTextsSha256(arabic), admin!.id, recordedAt + 120_000],
    );
    expect((await catalogOf('officer-window', 'ar')).meta).toMatchObject({
      status: 'reviewed',
      reviewedBy: 'Samira Fictive, traductrice (inventée)',
      recordedAt,
    });
    expect((await catalogOf('officer-window', 'pl')).meta).toMatchObject({
      status: loaded.get('pl')!.meta.status,
      recordedAt: null,
    });
  });

  it('names the texts reviewed by their SHA-256, whatever the meta says', () => {
    const hash = catalogTextsSha256(arabic);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(catalogTextsSha256({ ...arabic, meta: { ...arabic.meta, status: 'sworn', translatedBy: 'x' } })).toBe(hash);
    expect(catalogTextsSha256({ ...arabic, rights: { ...arabic.rights, interpreter: 'changed' } })).not.toBe(hash);
    expect(catalogTextsSha256(loaded.get('pl')!)).not.toBe(hash);
  });
});
