import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfOutput } from '../../src-main/browser-host/chromium-pdf';
import { apiOf, completeHearing, saveStep } from '../helpers/complete-hearing';
import {
  HARMLESS_TEXTS,
  PROTECTED_OFFICER_PASSAGE,
  PROTECTED_PEOPLE,
  PROTECTED_SHELTER,
  PROTECTED_SPELLINGS,
  type ProtectedSpelling,
} from '../fixtures/protected-spellings';
import { ASSETS, openTestCore, seedAccounts, snapshotTables, tempDir } from '../helpers/temp-core';
import { CHROMIUM } from './harness';
import { usePdfCore } from './fixtures';

/**
 * Issue 11's acceptance: every spelling of the corpus, spread over every text her copy prints,
 * through the real path (the API, Chromium's PDF, the text read back by pdftotext), in the full
 * copy and the leaflet, in French and in Arabic: none printed. The harmless sentences beside them
 * must come through whole (false positives are counted).
 */

const OUT = tempDir('hd-corpus-');

/** Letters and digits only, one space between words: how a spelling is looked for in what she holds. */
function words(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/gu, '')
    .toLocaleLowerCase('und')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** The texts her copy prints from the hearing, each with what it can hold. */
const FIELDS = [
  { field: 'rights.interpreterAnswer', capacity: 950 },
  { field: 'rights.supportPersonAnswer', capacity: 950 },
  { field: 'rights.protectionAssessmentAnswer', capacity: 950 },
  { field: 'rights.copyAnswer', capacity: 950 },
  { field: 'rights.supportInformationAnswer', capacity: 950 },
  { field: 'rights.officerGenderAnswer', capacity: 950 },
  { field: 'rights.protectionMeasuresAnswer', capacity: 950 },
  { field: 'facts.place', capacity: 290 },
  { field: 'facts.periodAbout', capacity: 480 },
  { field: 'setup.interpreterReference', capacity: 190 },
  { field: 'documents.interpreterTranslationBy', capacity: 190 },
  { field: 'documents.pvNumber', capacity: 55 },
  { field: 'people.childFirstName', capacity: 110 },
  { field: 'documents.interpreterTranslation', capacity: 6_000 },
  { field: 'addendum', capacity: 6_000 },
  { field: 'statement', capacity: 100_000 },
] as const;
type FieldName = (typeof FIELDS)[number]['field'];

/** Round robin over the fields: each spelling lands in one, the harmless sentences in the statement. */
function spread(spellings: ProtectedSpelling[]): Map<FieldName, string[]> {
  const texts = new Map<FieldName, string[]>(FIELDS.map((f) => [f.field, []]));
  let next = 0;
  for (const spelling of spellings) {
    for (let tries = 0; tries < FIELDS.length; tries += 1) {
      const { field, capacity } = FIELDS[(next + tries) % FIELDS.length]!;
      const current = texts.get(field)!;
      if ([...current, spelling.text].join(' / ').length <= capacity) {
        current.push(spelling.text);
        next = (next + tries + 1) % FIELDS.length;
        break;
      }
    }
  }
  texts.get('statement')!.push(...HARMLESS_TEXTS);
  return texts;
}

const t = usePdfCore();
beforeAll(async () => {
  const { name, phone, website } = PROTECTED_SHELTER;
  await t.ok('admin-window', 'directory.save', {
    service: {
      name,
      kind: 'shelter',
      region: 'wallonia',
      languages: ['fr'],
      hours: '24/7',
      phone,
      website,
      verifiedOn: '2026-11-01',
      active: true,
    },
  });
});

describe('the corpus of protected spellings, through the real path', () => {
  const placed = spread(PROTECTED_SPELLINGS);
  const joined = (field: FieldName) => placed.get(field)!.join(' / ');

  it('spreads at least 150 spellings over every printed text', () => {
    expect(PROTECTED_SPELLINGS.length).toBeGreaterThanOrEqual(150);
    expect(FIELDS.every((f) => placed.get(f.field)!.length > 0)).toBe(true);
    expect([...placed.values()].flat().length).toBe(PROTECTED_SPELLINGS.length + HARMLESS_TEXTS.length);
  });

  it.each(['fr', 'ar'])('prints none of them on the full copy or the leaflet, her language %s', async (language) => {
    const api = apiOf(t);
    const hearingId = await completeHearing({
      setup: {
        victimLanguage: language,
        interpreterPresent: 'yes',
        interpreterReference: joined('setup.interpreterReference'),
      },
      statement: { text: joined('statement') },
      people: {
        ...PROTECTED_PEOPLE,
        victimSafeChannel: 'trustedPerson',
        children: [
          {
            key: 'c1',
            values: {
              firstName: joined('people.childFirstName'),
              birthDate: '2018-02-03',
              relationshipToSuspect: 'child',
              exposed: 'yes',
              present: 'yes',
            },
          },
        ],
      },
      rights: Object.fromEntries(
        FIELDS.filter((f) => f.field.startsWith('rights.')).map((f) => [
          f.field.slice('rights.'.length),
          joined(f.field),
        ]),
      ),
      facts: { place: joined('facts.place'), period: { about: joined('facts.periodAbout') } },
    }).take(api, { until: 'approved' });
    await saveStep(api, hearingId, 'documents', {
      pvNumber: joined('documents.pvNumber'),
      interpreterTranslation: joined('documents.interpreterTranslation'),
      interpreterTranslationBy: joined('documents.interpreterTranslationBy'),
      interpreterTranslationAt: '2026-11-23T11:30',
    });
    await api('hearings.close', { hearingId });
    await api('hearings.addAddendum', { hearingId, text: joined('addendum') });

    // The officer's review: she withholds the one passage no matcher can know.
    const preview = await api('documents.reviewPreview', { hearingId });
    expect(preview.required).toBe(true);
    // False positives: harmless sentences of the statement that any match touches.
    const statement = preview.fields.find((f) => f.field === 'statement')!;
    const matched: [number, number][] = [];
    let offset = 0;
    for (const piece of statement.pieces) {
      if (piece.match) matched.push([offset, offset + piece.text.length]);
      offset += piece.text.length;
    }
    const statementText = statement.pieces.map((p) => p.text).join('');
    const cut = HARMLESS_TEXTS.filter((h) => {
      const at = statementText.indexOf(h);
      return at < 0 || matched.some(([from, to]) => from < at + h.length && to > at);
    });
    await api('documents.saveReview', {
      hearingId,
      fields: preview.fields.map((f) => ({ field: f.field, sha256: f.sha256 })),
      withhold: [PROTECTED_OFFICER_PASSAGE],
      release: [],
    });

    for (const variant of ['full', 'discreet'] as const) {
      const result = await api('documents.create', { hearingId, kind: 'victimCopy', variant, output: 'pdf' });
      const printed = words(pdfText(Buffer.from(result.pdfBase64!, 'base64'), `corpus-${language}-${variant}`));
      // A harmless sentence may hold a secret's words by chance ("4000 euros"): looked for outside them.
      const outsideHarmless = HARMLESS_TEXTS.reduce((text, h) => text.replace(words(h), ' '), printed);
      const leaked = PROTECTED_SPELLINGS.filter((s) => outsideHarmless.includes(words(s.secret)));
      expect(
        leaked.map((s) => s.secret),
        `${language} ${variant}`,
      ).toEqual([]);
      if (variant === 'full') {
        // The figure for the report.
        console.log(
          `corpus ${language}: ${PROTECTED_SPELLINGS.length} spellings tried, ${PROTECTED_SPELLINGS.length - leaked.length} withheld; harmless sentences touched: ${cut.length} of ${HARMLESS_TEXTS.length}`,
        );
        expect(cut, `${language}: harmless sentences withheld`).toEqual([]);
        // And what she holds still has them (Latin script on a left-to-right page: pdftotext keeps its order).
        if (language === 'fr')
          for (const h of HARMLESS_TEXTS.filter((x) => !/[\u0600-\u06ff]/u.test(x)))
            expect(printed.replace(/\s+/g, ' '), h).toContain(words(h).trim());
      }
    }
  });
});

describe('the last check, on the text of the PDF itself', () => {
  it('refuses a page that still shows where she is, names what to change, and archives nothing', async () => {
    // A zone's edited catalog whose fixed safety text names her street and number: the filter never
    // sees catalog texts, so only the check on the PDF's own text can stop it.
    const assets = { ...ASSETS, victimCatalogsDir: tempDir('hd-edited-catalogs-') };
    for (const file of fs.readdirSync(ASSETS.victimCatalogsDir))
      fs.copyFileSync(path.join(ASSETS.victimCatalogsDir, file), path.join(assets.victimCatalogsDir, file));
    const fr = JSON.parse(fs.readFileSync(path.join(assets.victimCatalogsDir, 'fr.json'), 'utf8')) as {
      safety: { keepSafe: string };
    };
    fr.safety.keepSafe = 'Rendez-vous au 42 av. des Tilleuls pour reprendre vos affaires.';
    fs.writeFileSync(path.join(assets.victimCatalogsDir, 'fr.json'), JSON.stringify(fr));
    const edited = await openTestCore({ documentOutput: createChromiumPdfOutput(CHROMIUM), assets });
    try {
      await seedAccounts(edited, true);
      const api = apiOf(edited);
      const hearingId = await completeHearing({
        setup: { victimLanguage: 'fr' },
        people: { ...PROTECTED_PEOPLE, victimSafeChannel: 'trustedPerson' },
      }).take(api);
      const preview = await api('documents.reviewPreview', { hearingId });
      await api('documents.saveReview', {
        hearingId,
        fields: preview.fields.map((f) => ({ field: f.field, sha256: f.sha256 })),
        withhold: [],
        release: [],
      });
      const result = await edited.core.dispatcher.dispatch('officer-window', 'documents.create', {
        hearingId,
        kind: 'victimCopy',
        variant: 'full',
        output: 'pdf',
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('DOCUMENT_WOULD_REVEAL');
      // No text of the hearing holds it: the fixed text of the document does.
      expect(result.error.fields).toEqual(['document']);
      expect(result.error.message).toMatch(/^Page \d/);
      expect((await snapshotTables(edited)).printed_documents).toEqual([]);
    } finally {
      await edited.close();
    }
  });
});
