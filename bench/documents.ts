/**
 * The victim's copy of a closed hearing (issue #6): time to produce it, warm (render, Chromium's
 * PDF, SHA-256, archive), median of 20, and its size per page with the fonts embedded. In Arabic
 * (right to left, beside French) and in French; then with a 20,000-word statement; then a hearing
 * that holds where she is (every text through the filter, the officer's review already done, the
 * last check reading the PDF's own text), full copy and neutral leaflet.
 */
import { createChromiumPdfOutput } from '../src-main/browser-host/chromium-pdf';
import { apiOf, completeHearing } from '../test/helpers/complete-hearing';
import { openTestCore, seedAccounts } from '../test/helpers/temp-core';
import { PROTECTED_PEOPLE } from '../test/fixtures/protected-spellings';

const RUNS = 20;

export interface DocumentFigures {
  label: string;
  pages: number;
  bytes: number;
  kbPerPage: number;
  median: number;
  p99: number;
  n: number;
}

export async function benchDocuments(chromiumPath: string): Promise<DocumentFigures[]> {
  const output = createChromiumPdfOutput(chromiumPath);
  const t = await openTestCore({ documentOutput: output });
  try {
    await seedAccounts(t, true);
    const words = [
      'elle',
      'déclare',
      'que',
      'le',
      'soir',
      'il',
      'est',
      'rentré',
      'et',
      'a',
      'crié',
      'devant',
      'les',
      'enfants',
    ];
    const cases: { label: string; hearingId: string; variant?: 'full' | 'discreet' }[] = [
      {
        label: "victim's copy, Arabic beside French",
        hearingId: await completeHearing({ setup: { victimLanguage: 'ar' } }).take(apiOf(t)),
      },
      {
        label: "victim's copy, French",
        hearingId: await completeHearing({ setup: { victimLanguage: 'fr' } }).take(apiOf(t)),
      },
      {
        label: "victim's copy, Arabic, 20,000-word statement",
        hearingId: await completeHearing({
          setup: { victimLanguage: 'ar' },
          statement: { text: Array.from({ length: 20_000 }, (_, i) => words[i % words.length]).join(' ') },
        }).take(apiOf(t)),
      },
    ];
    const protectedHearing = await completeHearing({
      setup: { victimLanguage: 'ar' },
      statement: {
        text: 'Depuis vendredi je loge à Horizon. Ma sœur Nadia m’appelle au 0496/12.34.56. Je suis retournée au 42 av. des Tilleuls chercher mes papiers. (fictif)',
      },
      people: { ...PROTECTED_PEOPLE, victimSafeChannel: 'trustedPerson' },
    }).take(apiOf(t));
    const preview = await t.ok('officer-window', 'documents.reviewPreview', { hearingId: protectedHearing });
    await t.ok('officer-window', 'documents.saveReview', {
      hearingId: protectedHearing,
      fields: preview.fields.map((f) => ({ field: f.field, sha256: f.sha256 })),
      withhold: [],
      release: [],
    });
    cases.push(
      { label: "victim's copy, Arabic, where she is withheld", hearingId: protectedHearing },
      {
        label: 'neutral leaflet, Arabic, where she is withheld',
        hearingId: protectedHearing,
        variant: 'discreet' as const,
      },
    );
    const figures: DocumentFigures[] = [];
    for (const { label, hearingId, variant } of cases) {
      const make = () =>
        t.ok('officer-window', 'documents.create', {
          hearingId,
          kind: 'victimCopy',
          variant: variant ?? 'full',
          output: 'pdf',
        });
      // Warm: Chromium started, fonts read, code compiled.
      await make();
      const samples: number[] = [];
      let last = await make();
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        last = await make();
        samples.push(performance.now() - start);
      }
      const sorted = samples.sort((a, b) => a - b);
      const { pages, bytes } = last.document!;
      figures.push({
        label,
        pages,
        bytes,
        kbPerPage: bytes / 1024 / pages,
        median: sorted[Math.floor(sorted.length / 2)]!,
        p99: sorted[sorted.length - 1]!,
        n: sorted.length,
      });
    }
    return figures;
  } finally {
    await t.close();
    await output.close?.();
  }
}

export function documentLines(figures: DocumentFigures[]): string[] {
  return figures.map(
    (f) =>
      `${f.label.padEnd(50)} median ${`${f.median.toFixed(0)} ms`.padStart(10)}   max ${`${f.p99.toFixed(0)} ms`.padStart(8)}   ${f.pages} pages, ${f.kbPerPage.toFixed(1)} KB/page (n=${f.n})`,
  );
}
