import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeHearing } from '../helpers/complete-hearing';
import { callApi } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account } from './pages/accounts';
import { PROTECTED_PEOPLE } from '../fixtures/protected-spellings';

/** Invented people, places and numbers throughout. */
const UNIT = 'Brigade Relecture (fictive)';
const OFFICER = account('officer', 'review.officer', 'Odile Fictive', { serviceNumber: 'SN-54321' });
const STATEMENT = [
  'Depuis vendredi je loge à Horizon, on m’y a accueillie avec mes enfants.',
  'Ma sœur Nadia m’appelle tous les soirs au 0496/12.34.56.',
  'Le 21 novembre je suis retournée au 42 av. des Tilleuls chercher mes papiers.',
  'Avant, je faisais mes courses au marché de Liège.',
  'Je garde mes affaires chez ma tante près de la gare de Jemeppe.',
].join('\n');

describe("the officer's review of her copy, in French", () => {
  const app = useBrowserHost({
    name: 'copy-review',
    context: { viewport: { width: 1366, height: 768 } },
    units: [UNIT],
    users: [OFFICER],
  });
  let hearingId: string;
  const pdfTexts: string[] = [];

  /** The PDF archived under this number, as pdftotext reads it (waiting for the print to be archived). */
  async function printedText(sequence: number): Promise<string> {
    const api = app.api;
    const archived = async () =>
      (await api('documents.list', { hearingId })).documents.find(
        (d) => d.kind === 'victimCopy' && d.variant === 'full' && d.sequence === sequence,
      );
    await expect.poll(archived, { timeout: 30_000 }).toBeTruthy();
    const listed = (await archived())!;
    const pdf = Buffer.from((await api('documents.download', { documentId: listed.id })).pdfBase64, 'base64');
    const file = path.join(app.dataDir, `copy-${sequence}.pdf`);
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  }

  beforeAll(async () => {
    hearingId = await completeHearing({
      setup: { victimLanguage: 'fr' },
      statement: { text: STATEMENT },
      people: { ...PROTECTED_PEOPLE, victimSafeChannel: 'trustedPerson' },
    }).take(app.api);
  });

  it('asks for the review before the first print and highlights what will be withheld and what may reveal where she is', async () => {
    await app.goto(`hearing/${hearingId}/documents`);
    const review = app.page.getByRole('region', { name: 'Relecture de sa copie' });
    await review.waitFor();
    const panel = app.page.getByRole('region', { name: 'Documents', exact: true });
    await panel.getByText('Relisez sa copie ci-dessous avant la première impression.').first().waitFor();
    expect(await panel.getByRole('button', { name: 'PDF : Sa copie', exact: true }).count()).toBe(0);
    // The API refuses too, whatever the screen shows.
    expect(
      (await callApi(app.page, 'documents.create', { hearingId, kind: 'victimCopy', variant: 'full', output: 'pdf' }))
        .error?.code,
    ).toBe('COPY_REVIEW_REQUIRED');
    const statement = review.locator('[data-field="statement"]');
    for (const withheld of ['Horizon', '0496/12.34.56', '42 av. des Tilleuls'])
      await statement.locator('mark.review-withheld', { hasText: withheld }).first().waitFor();
    // Her sister's first name alone, her town alone: they may reveal where she is.
    for (const near of ['Nadia', 'Liège'])
      await statement.locator('mark.review-near', { hasText: near }).first().waitFor();
    await expectAccessible(app.page, 'review of her copy');
    // For people to look at: the review as the officer sees it.
    await review.scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: path.join(os.tmpdir(), 'hd-copy-review.png') });
    await review.screenshot({ path: path.join(os.tmpdir(), 'hd-copy-review-panel.png') });
  });

  it('lets her withhold one more passage by selecting it and release a near match with a reason', async () => {
    const review = app.page.getByRole('region', { name: 'Relecture de sa copie' });
    const statement = review.locator('[data-field="statement"]');
    // Select "chez ma tante près de la gare de Jemeppe" in the statement, as the officer would with the mouse.
    await statement.evaluate((element, passage) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(passage);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + passage.length);
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(range);
          return;
        }
      }
      throw new Error('passage not found');
    }, 'chez ma tante près de la gare de Jemeppe');
    await review.getByRole('button', { name: 'Masquer le passage sélectionné' }).click();
    await review.getByRole('listitem').filter({ hasText: 'chez ma tante près de la gare de Jemeppe' }).waitFor();

    await statement.locator('mark.review-near', { hasText: 'Liège' }).getByRole('button', { name: 'Libérer…' }).click();
    await review
      .getByLabel('Pourquoi « Liège » peut-il être imprimé ?')
      .fill('Ville de son ancien travail, connue de lui.');
    await review.getByRole('button', { name: 'Libérer avec cette raison' }).click();
    await review.getByRole('listitem').filter({ hasText: 'Ville de son ancien travail' }).waitFor();
    await expectAccessible(app.page, 'review with pending decisions');

    await review.getByRole('button', { name: "J'ai lu chaque texte : confirmer la relecture" }).click();
    await review.getByText('Relecture enregistrée. Sa copie peut être imprimée.').waitFor();
    await review.locator('[data-field="statement"] mark.review-withheld', { hasText: 'chez ma tante' }).waitFor();
    await review.locator('[data-field="statement"] mark.review-released', { hasText: 'Liège' }).waitFor();
  });

  it('prints her copy without what was withheld, and a reprint applies the same decisions', async () => {
    const panel = app.page.getByRole('region', { name: 'Documents', exact: true });
    for (const sequence of [1, 2]) {
      await panel.getByRole('button', { name: 'PDF : Sa copie', exact: true }).click();
      const text = await printedText(sequence);
      pdfTexts.push(text);
      for (const secret of ['Horizon', 'Nadia', '0496', 'Tilleuls', 'tante', 'Jemeppe'])
        expect(text, `print ${sequence}: ${secret}`).not.toContain(secret);
      expect(text).toContain('marché de Liège');
      expect(text).toContain('[masqué pour votre sécurité]');
    }
    expect(pdfTexts[1]).toContain('Réimpression');
  });

  it('asks again after a new addendum, for the new text only', async () => {
    // An addendum after closing is allowed; it names where she stays in another way.
    await app.api('hearings.addAddendum', {
      hearingId,
      text: 'Elle précise qu’elle dort maintenant chez une amie à Seraing.',
    });
    const preview = await app.api('documents.reviewPreview', { hearingId });
    expect(preview.complete).toBe(false);
    expect(preview.fields.filter((f) => !f.reviewed).map((f) => f.field)).toEqual(['addendum.2']);
    await app.page.reload();
    const review = app.page.getByRole('region', { name: 'Relecture de sa copie' });
    await review.getByText('Nouveau depuis la dernière relecture').waitFor();
    await review.getByLabel('Ou tapez un passage à masquer').fill('chez une amie à Seraing');
    await review.getByRole('button', { name: 'Ajouter' }).click();
    await review.getByRole('button', { name: "J'ai lu chaque texte : confirmer la relecture" }).click();
    await review.getByText('Relecture enregistrée. Sa copie peut être imprimée.').waitFor();
    const panel = app.page.getByRole('region', { name: 'Documents', exact: true });
    await panel.getByRole('button', { name: 'PDF : Sa copie', exact: true }).click();
    const text = await printedText(3);
    expect(text).not.toContain('Seraing');
    expect(text).not.toContain('Jemeppe');
    expect(text).toContain('marché de Liège');
  });

  it('keeps the review in the audit trail, with counts and no value', async () => {
    await app.host.stop();
    const db = app.openDatabase({ readonly: true });
    try {
      const rows = db
        .prepare(
          "SELECT details_json AS details FROM audit_events WHERE action = 'document.copyReviewed' AND hearing_id = ? ORDER BY seq",
        )
        .all(hearingId) as { details: string }[];
      expect(rows.map((r) => JSON.parse(r.details) as unknown)).toEqual([
        expect.objectContaining({ withheld: 1, released: 1 }),
        expect.objectContaining({ withheld: 1, released: 0 }),
      ]);
      for (const row of rows) expect(row.details).not.toMatch(/tante|Liège|Seraing/);
      const reviews = db
        .prepare('SELECT count(*) AS n FROM victim_copy_reviews WHERE hearing_id = ?')
        .get(hearingId) as { n: number };
      expect(reviews.n).toBe(2);
    } finally {
      db.close();
    }
  });
});
