import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRegistry, formRegistry } from '../../forms/registry';
import { measuresV1 } from '../../forms/definitions/measures.v1';
import { peopleV1 } from '../../forms/definitions/people.v1';
import { itemFieldId } from '../../forms/risk/risk-form';
import { VICTIM_LANGUAGES } from '../../domain/languages';
import { victimText, type VictimCatalog } from '../../forms/victim-catalogs';
import { createChromiumPdfOutput } from '../../src-main/browser-host/chromium-pdf';
import { loadVictimCatalogs } from '../../src-main/documents/victim-catalog-store';
import { apiOf, completeHearing, INVENTED } from '../helpers/complete-hearing';
import {
  ASSETS,
  openTestCore,
  PEOPLE,
  seedAccounts,
  snapshotTables,
  tempDir,
  type TestCore,
} from '../helpers/temp-core';
import { CHROMIUM } from './harness';
import { usePdfCore } from './fixtures';

const catalogs = loadVictimCatalogs(ASSETS.victimCatalogsDir);
const OUT = tempDir('hd-documents-');
/**
 * The help lines her copy gives when her home region is not recorded (both violence helplines) and
 * she has children (Child Focus), as the directory seeds them, each as it must be dialled.
 */
const HELPLINES = ['112', '101', '1712', '0800 30 030', '116 000'];

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Page 1 as a PNG beside the PDF (for people to look at; the test checks it was made). */
function firstPagePng(name: string): string {
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    path.join(OUT, `${name}.pdf`),
    path.join(OUT, name),
  ]);
  return path.join(OUT, `${name}.png`);
}

/**
 * pdftotext splits Arabic-script words where glyphs join and moves vowel marks; compared without
 * spaces, marks and bidi controls, a heading is found whatever the script.
 */
/** Every text of a catalog, however deep. */
function catalogTexts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  return node && typeof node === 'object' ? Object.values(node).flatMap(catalogTexts) : [];
}

function comparable(text: string): string {
  return text.normalize('NFC').replace(/\s|[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]|[\u064b-\u065f\u0670]/gu, '');
}

function fontsOf(name: string): string[] {
  const listing = execFileSync('pdffonts', [path.join(OUT, `${name}.pdf`)], { encoding: 'utf8' });
  return listing
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

const t = usePdfCore();

/** The officer's review, accepting what the filter withholds: every text as the preview showed it. */
async function reviewAsShown(hearingId: string, core: TestCore = t) {
  const preview = await core.ok('officer-window', 'documents.reviewPreview', { hearingId });
  await core.ok('officer-window', 'documents.saveReview', {
    hearingId,
    fields: preview.fields.map((f) => ({ field: f.field, sha256: f.sha256 })),
    withhold: [],
    release: [],
  });
}

async function copyOf(hearingId: string, variant: 'full' | 'discreet' = 'full', client = 'officer-window') {
  const result = await t.ok(client, 'documents.create', { hearingId, kind: 'victimCopy', variant, output: 'pdf' });
  return { document: result.document!, pdf: Buffer.from(result.pdfBase64!, 'base64') };
}

/** Headings and labels that say a complaint exists: none may be on the neutral leaflet. */
const COMPLAINT_KEYS = [
  'copy.title',
  'copy.subtitle',
  'sections.rights',
  'sections.mainElements',
  'sections.statement',
  'sections.measures',
  'header.pvNumber',
  'header.officer',
  'header.hearingDate',
  'elements.formsOfViolence',
  'elements.evidence',
  'statement.interpreterTranslationTitle',
  'statement.procedureNote',
];
/** Typed during the hearing in French: printed as typed, marked as such, never reordered. */
const TYPED_ANSWER = 'Elle demande une interprète femme, pas son cousin.';

describe("the victim's copy in her language", () => {
  it.each([...VICTIM_LANGUAGES])(
    'prints every heading, the PV number, the dates and each helpline in order, in %s',
    async (language) => {
      const procedureLanguage = language === 'nl' ? 'nl' : language === 'de' ? 'de' : 'fr';
      const hearingId = await completeHearing({
        setup: { victimLanguage: language, procedureLanguage },
        rights: { interpreterAnswer: TYPED_ANSWER },
      }).take(apiOf(t));
      const { document, pdf } = await copyOf(hearingId);
      expect(document).toMatchObject({ kind: 'victimCopy', variant: 'full', language, sequence: 1 });
      expect(document.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
      const text = pdfText(pdf, `copy-${language}`);
      const catalog = catalogs.get(language) as VictimCatalog;
      for (const key of [
        'copy.title',
        'sections.rights',
        'sections.mainElements',
        'sections.statement',
        'sections.measures',
        'sections.help',
        'sections.safety',
      ]) {
        expect(comparable(text), `${language} ${key}`).toContain(comparable(victimText(catalog, key)!));
      }
      // Numbers keep their left-to-right order, spaces included, in every script.
      for (const number of [INVENTED.pvNumber, '23/11/2026 10:00', '01/03/2026', '21/11/2026', ...HELPLINES])
        expect(text, `${language}: ${number}`).toContain(number);
      // The statement, verbatim in the procedure language.
      expect(text).toContain('mon ex-compagnon est venu devant');
      if (language !== procedureLanguage) {
        // What was typed in the procedure language comes whole, in its own order, and each typed
        // text (her answer, the place, the statement, the addendum) is marked as typed.
        expect(comparable(text)).toContain(comparable(TYPED_ANSWER));
        // A fixed part of the note that no other text of her catalog contains (Turkish opens
        // other sentences with the note's first words).
        const others = catalogTexts(catalog)
          .filter((t) => !t.includes('{{language}}'))
          .map(comparable);
        const typedNote = victimText(catalog, 'copy.typedInProcedureLanguage')!
          .split('{{language}}')
          .map(comparable)
          .find((part) => part !== '' && !others.some((other) => other.includes(part)))!;
        expect(comparable(text).split(typedNote).length - 1, `${language}: typed texts marked`).toBe(4);
      }
      expect(
        fontsOf(`copy-${language}`).every((font) => font.startsWith('NotoSans')),
        `${language}: only the bundled fonts`,
      ).toBe(true);
      expect(fs.statSync(firstPagePng(`copy-${language}`)).size).toBeGreaterThan(10_000);
      // Under 150 KB a page with the fonts embedded (issue #6 target).
      expect(document.bytes / document.pages).toBeLessThan(150 * 1024);

      // The neutral leaflet of the same hearing: nothing of a complaint, in her language or the procedure's.
      const leaflet = await copyOf(hearingId, 'discreet');
      const leafletText = comparable(pdfText(leaflet.pdf, `leaflet-${language}`));
      firstPagePng(`leaflet-${language}`);
      expect(leafletText).toContain(comparable(victimText(catalog, 'leaflet.title')!));
      for (const key of COMPLAINT_KEYS) {
        expect(leafletText, `${language} leaflet: ${key}`).not.toContain(comparable(victimText(catalog, key)!));
        expect(leafletText, `${language} leaflet: ${procedureLanguage} ${key}`).not.toContain(
          comparable(victimText(catalogs.get(procedureLanguage), key)!),
        );
      }
      for (const value of [
        INVENTED.pvNumber,
        'mon ex-compagnon',
        TYPED_ANSWER,
        'Liège',
        'EV-0001',
        '21/11/2026',
        'Police',
      ])
        expect(leafletText, `${language} leaflet: ${value}`).not.toContain(comparable(value));
    },
  );
});

/** The one document page's visible text, flattened: what the safety rules are checked against. */
function flat(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('und').replace(/\s+/g, ' ');
}

describe('a language without a catalog', () => {
  it('prints her copy in the procedure language alone, naming her language as recorded', async () => {
    const hearingId = await completeHearing({
      setup: { victimLanguage: 'other', procedureLanguage: 'nl', victimLanguageOther: 'Tigre (fictief genoteerd)' },
    }).take(apiOf(t));
    const { document, pdf } = await copyOf(hearingId);
    expect(document.language).toBe('nl');
    const text = pdfText(pdf, 'copy-other');
    expect(text).toContain(victimText(catalogs.get('nl'), 'copy.title')!);
    expect(text).toContain('Tigre (fictief genoteerd)');
    // No second language beside it.
    expect(text).not.toContain(victimText(catalogs.get('fr'), 'copy.title')!);
  });
});

describe('what a victim-facing document never shows', () => {
  it('leaves out the address, the shelter, the safe channel, the risk level and the record, in both variants', async () => {
    // A shelter in the directory, chosen as a referral: never printed on her paper.
    const shelter = (
      await t.ok('admin-window', 'directory.save', {
        service: {
          name: 'Maison Refuge Fictive',
          kind: 'shelter',
          region: 'wallonia',
          languages: ['fr'],
          hours: '24/7',
          phone: '04 999 99 99',
          website: 'https://refuge.example.org',
          verifiedOn: '2026-11-01',
          active: true,
        },
      })
    ).service;
    const record = 'PV 2024/0815 pour coups (fictif)';
    const hearingId = await completeHearing({
      setup: { victimLanguage: 'fr' },
      statement: {
        text: `J'habite ${INVENTED.address}. Depuis lundi je dors au ${INVENTED.stayingAt}. Ma sœur : ${INVENTED.safeChannel}. Je connais la Maison Refuge Fictive.`,
      },
      risk: { a1: 'yes', a3: 'yes', a5: 'yes', a7: 'yes', c1: 'yes' },
      people: {
        victimAddress: INVENTED.address,
        victimAddressNonCommunicable: 'yes',
        victimStayingAt: INVENTED.stayingAt,
        victimSafeChannel: 'trustedPerson',
        victimSafeChannelDetail: INVENTED.safeChannel,
      },
      facts: { earlierComplaints: 'yes', earlierComplaintsReferences: record },
      referrals: { servicesGiven: [shelter.id] },
    }).take(apiOf(t));
    const level = (await t.ok('officer-window', 'risk.history', { hearingId })).assessments[0]!.level;
    expect(level).toBe(4);
    const officer = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../forms/catalogs/officer/fr.json'), 'utf8'),
    ) as { risk: { level: Record<string, string>; flags: Record<string, string> } };
    const forbidden = [
      INVENTED.address,
      INVENTED.stayingAt,
      INVENTED.safeChannel,
      'Maison Refuge Fictive',
      '04 999 99 99',
      'refuge.example.org',
      record,
      officer.risk.level['4']!,
      'TRÈS ÉLEVÉ',
      ...Object.values(officer.risk.flags),
    ];

    // The hearing holds where she is: nothing is printed before the officer's review.
    const unreviewed = await t.core.dispatcher.dispatch('officer-window', 'documents.create', {
      hearingId,
      kind: 'victimCopy',
      variant: 'full',
      output: 'pdf',
    });
    expect(unreviewed.ok ? 'printed' : unreviewed.error.code).toBe('COPY_REVIEW_REQUIRED');
    await reviewAsShown(hearingId);
    const full = pdfText((await copyOf(hearingId, 'full')).pdf, 'safety-full');
    const discreet = pdfText((await copyOf(hearingId, 'discreet')).pdf, 'safety-discreet');
    for (const [name, text] of [
      ['full', full],
      ['discreet', discreet],
    ] as const) {
      for (const value of forbidden) expect(flat(text), `${name}: ${value}`).not.toContain(flat(value));
      // Her home is in Wallonia: its helpline, not Flanders'.
      for (const number of HELPLINES.filter((n) => n !== '1712')) expect(text, `${name}: ${number}`).toContain(number);
      expect(text, name).not.toContain('1712');
    }
    // Her statement is printed with the passages withheld, and says so where they were.
    expect(full).toContain("J'habite");
    const withheldMarks = full.match(/\[masqué pour votre sécurité\]/g)?.length ?? 0;
    expect(withheldMarks).toBeGreaterThanOrEqual(4);
    // The leaflet: no police header, no PV number, no narrative, a neutral title.
    expect(discreet).not.toContain(INVENTED.pvNumber);
    expect(discreet).not.toContain('Unit A');
    expect(discreet).not.toContain("J'habite");
    expect(discreet).not.toContain('Copie de votre plainte');
    expect(discreet).toContain('Contacts utiles');
    // The audit records that passages were withheld, and how many, never which.
    const audit = t.sqlite
      .prepare(
        "SELECT details_json FROM audit_events WHERE action = 'document.printed' AND hearing_id = ? ORDER BY seq",
      )
      .all(hearingId) as { details_json: string }[];
    expect((JSON.parse(audit[0]!.details_json) as { withheld?: number }).withheld).toBeGreaterThanOrEqual(
      withheldMarks,
    );
    expect(audit.map((a) => a.details_json).join()).not.toMatch(/Exemples|Tilleuls|0470/);
  });
});

describe('the archive of printed documents', () => {
  it('keeps each print with its SHA-256, numbers reprints, audits every one, and never changes them', async () => {
    const interpreted = 'Переклад основних елементів, зроблений перекладачем (вигаданий).';
    const hearingId = await completeHearing({
      setup: { victimLanguage: 'uk' },
      documents: {
        interpreterTranslation: interpreted,
        interpreterTranslationBy: 'Interprète n° 4711',
        interpreterTranslationAt: '2026-11-23T11:30',
      },
    }).take(apiOf(t));
    const first = await copyOf(hearingId);
    // The interpreter's translation, in her language, marked as the interpreter's with who and when.
    const firstText = pdfText(first.pdf, 'interpreted');
    expect(comparable(firstText)).toContain(comparable(interpreted));
    expect(comparable(firstText)).toContain(
      comparable(victimText(catalogs.get('uk'), 'statement.interpreterTranslationTitle')!),
    );
    expect(firstText).toContain('Interprète n° 4711');
    expect(firstText).toContain('23/11/2026 11:30');
    t.clock.now += 60_000;
    const again = await copyOf(hearingId);
    expect(again.document.sequence).toBe(2);
    expect(pdfText(again.pdf, 'reprint')).toContain(victimText(catalogs.get('uk'), 'footer.reprint')!);
    const listed = (await t.ok('officer-window', 'documents.list', { hearingId })).documents;
    expect(listed.map((d) => [d.sequence, d.sha256])).toEqual([
      [2, again.document.sha256],
      [1, first.document.sha256],
    ]);
    const opened = await t.ok('officer-window', 'documents.download', { documentId: first.document.id });
    expect(Buffer.from(opened.pdfBase64, 'base64').equals(first.pdf)).toBe(true);
    const actions = (
      t.sqlite
        .prepare('SELECT action FROM audit_events WHERE hearing_id = ? AND action LIKE ? ORDER BY seq')
        .all(hearingId, 'document.%') as { action: string }[]
    ).map((a) => a.action);
    expect(actions).toEqual(['document.printed', 'document.reprinted', 'document.opened']);
    // Two first prints asked at once are made one after the other: only the second says it is a reprint.
    const other = await completeHearing({ setup: { victimLanguage: 'uk' } }).take(apiOf(t));
    const both = await Promise.all([copyOf(other), copyOf(other)]);
    const reprintWord = victimText(catalogs.get('uk'), 'footer.reprint')!;
    expect(
      both
        .map((c) => [c.document.sequence, pdfText(c.pdf, `concurrent-${c.document.sequence}`).includes(reprintWord)])
        .sort(),
    ).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(() => t.sqlite.prepare("UPDATE printed_documents SET sha256 = 'x'").run()).toThrow(/never changed/);
    expect(() => t.sqlite.prepare('DELETE FROM printed_documents').run()).toThrow(/never removed/);
  });

  it('refuses what may not be printed, with a reason, and writes nothing', async () => {
    const open = await completeHearing({ setup: { victimLanguage: 'ro' } }).take(apiOf(t), { until: 'approved' });
    const closed = await completeHearing({ setup: { victimLanguage: 'ro' } }).take(apiOf(t));
    const before = await snapshotTables(t);
    const refused = async (client: string, input: object) => {
      const result = await t.core.dispatcher.dispatch(client, 'documents.create', input);
      return result.ok ? 'printed' : result.error.code;
    };
    expect(
      await refused('officer-window', { hearingId: open, kind: 'victimCopy', variant: 'full', output: 'pdf' }),
    ).toBe('HEARING_NOT_CLOSED');
    expect(
      await refused('other-window', { hearingId: closed, kind: 'victimCopy', variant: 'full', output: 'pdf' }),
    ).toBe('FORBIDDEN');
    expect(
      await refused('officer-window', { hearingId: closed, kind: 'immigrationCommunication', output: 'pdf' }),
    ).toBe('DOCUMENT_NOT_APPLICABLE');
    // The browser host has no system print dialog.
    expect(
      await refused('officer-window', { hearingId: closed, kind: 'victimCopy', variant: 'full', output: 'printer' }),
    ).toBe('PRINTING_UNAVAILABLE');
    expect(await refused('officer-window', { hearingId: closed, kind: 'letter', output: 'pdf' })).toBe('VALIDATION');
    expect(
      await refused('officer-window', { hearingId: closed, kind: 'victimCopy', variant: 'secret', output: 'pdf' }),
    ).toBe('VALIDATION');
    expect(await refused('admin-window', { hearingId: closed, kind: 'riskReport', output: 'pdf' })).toBe('FORBIDDEN');
    // Refusals are audited (access_denied); nothing else changed, nothing was archived.
    const after = await snapshotTables(t);
    expect(after.printed_documents).toEqual(before.printed_documents);
    expect(after.answers).toEqual(before.answers);
  });
});

describe('printing on paper', () => {
  it('sends the printer the very PDF whose text was checked and archived, and keeps nothing she cancelled', async () => {
    // The system print dialog is Electron's, which cannot run here: this one records what it was
    // given and answers as she does. The PDF itself is the real Chromium's.
    const printed: Buffer[] = [];
    let confirms = true;
    const core = await openTestCore({
      documentOutput: {
        toPdf: (html) => t.output.toPdf(html),
        printPdf: async (pdf) => {
          printed.push(pdf);
          return confirms;
        },
      },
    });
    try {
      await seedAccounts(core, true);
      const hearingId = await completeHearing({
        setup: { victimLanguage: 'nl', procedureLanguage: 'nl' },
        people: { victimAddress: INVENTED.address, victimAddressNonCommunicable: 'yes' },
      }).take(apiOf(core));
      await reviewAsShown(hearingId, core);
      const input = { hearingId, kind: 'victimCopy', variant: 'full', output: 'printer' } as const;
      const result = await core.ok('officer-window', 'documents.create', input);
      expect(result.pdfBase64).toBeNull();
      expect(printed).toHaveLength(1);
      const paper = printed[0]!;
      expect(createHash('sha256').update(paper).digest('hex')).toBe(result.document!.sha256);
      const archived = await core.ok('officer-window', 'documents.download', { documentId: result.document!.id });
      expect(Buffer.from(archived.pdfBase64, 'base64').equals(paper)).toBe(true);
      // What went to the printer is her copy, without the address she asked to keep from it.
      const text = pdfText(paper, 'printed-on-paper');
      expect(text).toContain(INVENTED.pvNumber);
      expect(flat(text)).not.toContain(flat(INVENTED.address));

      // She closes the dialog: no print on record, no reprint number taken.
      confirms = false;
      const before = await snapshotTables(core);
      expect(await core.ok('officer-window', 'documents.create', input)).toEqual({ document: null, pdfBase64: null });
      expect(printed).toHaveLength(2);
      expect(await snapshotTables(core)).toEqual(before);
    } finally {
      await core.close();
    }
  });
});

describe('the documents in the procedure language', () => {
  it('prints the request to the prosecutor, the Immigration Office communication and the risk report', async () => {
    const hearingId = await completeHearing({
      setup: { victimLanguage: 'ti' },
      documents: { immigrationArt747: 'yes' },
      // They live together: his address is hers, and withheld with it.
      people: {
        victimAddress: INVENTED.address,
        victimAddressNonCommunicable: 'yes',
        suspectCohabiting: 'yes',
        suspectAddress: INVENTED.address,
      },
    }).take(apiOf(t));
    const texts: Record<string, string> = {};
    for (const kind of ['prosecutorRequest', 'immigrationCommunication', 'riskReport'] as const) {
      const result = await t.ok('officer-window', 'documents.create', { hearingId, kind, output: 'pdf' });
      expect(result.document).toMatchObject({ kind, language: 'fr' });
      texts[kind] = pdfText(Buffer.from(result.pdfBase64!, 'base64'), kind);
      expect(texts[kind]).toContain(INVENTED.pvNumber);
      // Her non-communicable address is in none of them.
      expect(flat(texts[kind]!)).not.toContain(flat(INVENTED.address));
    }
    expect(texts.prosecutorRequest).toContain('Demande');
    expect(texts.prosecutorRequest).toContain('Exemple, Marc');
    expect(texts.immigrationCommunication).toContain('74/7');
    expect(texts.immigrationCommunication).toContain('mon ex-compagnon est venu devant');
    // The risk report names no one.
    expect(texts.riskReport).not.toContain('Fictive, Inès');
    expect(texts.riskReport).not.toContain('Exemple');
  });

  it('prints in the risk report of a level-4 hearing when and to whom the on-duty magistrate was informed', async () => {
    const veryHigh = await completeHearing({ risk: { [itemFieldId('A3')]: 'yes', [itemFieldId('A5')]: 'yes' } }).take(
      apiOf(t),
    );
    const report = await t.ok('officer-window', 'documents.create', {
      hearingId: veryHigh,
      kind: 'riskReport',
      output: 'pdf',
    });
    const text = flat(pdfText(Buffer.from(report.pdfBase64!, 'base64'), 'riskReport-level4'));
    expect(text).toContain(flat('Magistrat de garde informé le 23/11/2026 11:40'));
    expect(text).toContain(flat('Substitut de garde, parquet de Liège (fictif)'));
  });

  it('asks the prosecutor for a place or contact ban with its conditions, and is refused when nothing he decides is requested', async () => {
    const conditions = 'Ne pas approcher de l’école Les Tilleuls (fictive) ni la contacter par aucun moyen.';
    const banOnly = await completeHearing({
      people: {
        suspectCohabiting: 'no',
        suspectBirthDate: '1987-09-30',
        suspectNationalNumber: '87093012391',
        suspectBirthPlace: 'Verviers (fictif)',
        suspectAddress: 'Rue des Exemples 12, 4000 Liège (fictive)',
      },
      measures: {
        residenceBanState: 'notPursued',
        contactBanPosition: 'wants',
        contactBanState: 'requested',
        contactBanNotes: conditions,
        alarmState: 'notPursued',
      },
    }).take(apiOf(t));
    const result = await t.ok('officer-window', 'documents.create', {
      hearingId: banOnly,
      kind: 'prosecutorRequest',
      output: 'pdf',
    });
    const text = flat(pdfText(Buffer.from(result.pdfBase64!, 'base64'), 'prosecutorRequest'));
    // Under the measures asked for, before the victim: the ban by its whole name, with her wish and its conditions.
    const start = text.indexOf(flat('Mesures demandées'));
    const asked = text.slice(start, text.indexOf(flat('Victime'), start));
    expect(start).toBeGreaterThan(0);
    expect(asked).toContain(flat('Interdiction de lieu ou de contact'));
    expect(asked).toContain(flat(conditions));
    expect(asked).not.toContain(flat('Interdiction temporaire de résidence'));
    expect(text).toContain(flat('Exemple, Marc'));
    // His identity as the prosecutor needs it: birth date, register number, birthplace and where he lives.
    expect(text).toContain(flat('Date de naissance 30/09/1987'));
    expect(text).toContain(flat('Numéro de registre national ou BIS 87.09.30-123.91'));
    expect(text).toContain(flat('Lieu de naissance Verviers (fictif)'));
    expect(text).toContain(flat('Adresse Rue des Exemples 12, 4000 Liège (fictive)'));

    const nothingAsked = await completeHearing({
      measures: { residenceBanState: 'notPursued', contactBanState: 'discussed', alarmState: 'notPursued' },
    }).take(apiOf(t));
    const refused = await t.core.dispatcher.dispatch('officer-window', 'documents.create', {
      hearingId: nothingAsked,
      kind: 'prosecutorRequest',
      output: 'pdf',
    });
    expect(refused.ok ? 'printed' : refused.error.code).toBe('DOCUMENT_NOT_APPLICABLE');
  });
});

describe('a hearing taken under older form versions', () => {
  it('prints as it was taken', async () => {
    // The registry as it was before people v2 (address) and measures v2 and later, and before the documents step.
    const oldRegistry = buildRegistry(
      formRegistry.all.filter(
        (f) => !(f.id === 'people' && f.version > 1) && !(f.id === 'measures' && f.version > 1) && f.id !== 'documents',
      ),
      formRegistry.steps.filter((s) => s !== 'documents'),
    );
    expect(oldRegistry.latest('people')!.version).toBe(peopleV1.version);
    expect(oldRegistry.latest('measures')!.version).toBe(measuresV1.version);
    const dir = tempDir();
    // Its own Chromium: closing a core closes its document output.
    const old = await openTestCore({ dir, registry: oldRegistry, documentOutput: createChromiumPdfOutput(CHROMIUM) });
    await seedAccounts(old, true);
    // Answered from the definitions the hearing was opened under: no documents step.
    const hearingId = await completeHearing(
      { setup: { victimLanguage: 'pl', procedureLanguage: 'nl' } },
      { registry: oldRegistry },
    ).take(apiOf(old));
    const before = pdfText(
      Buffer.from(
        (await old.ok('officer-window', 'documents.create', { hearingId, kind: 'victimCopy', output: 'pdf' }))
          .pdfBase64!,
        'base64',
      ),
      'old-version-then',
    );
    const key = old.key;
    await old.close();

    // Reopened by today's app, with people v2, measures v2 and a documents step: it keeps its
    // versions, and its copy reads as it did (but for the reprint mark).
    const now = await openTestCore({ dir, key, documentOutput: t.output });
    try {
      await now.ok('officer-window', 'session.login', {
        username: PEOPLE.officer.username,
        password: PEOPLE.officer.password,
      });
      const forms = (await now.ok('officer-window', 'hearings.load', { hearingId })).forms;
      expect(forms.find((f) => f.formId === 'measures')!.formVersion).toBe(1);
      expect(forms.find((f) => f.formId === 'people')!.formVersion).toBe(1);
      expect(forms.some((f) => f.formId === 'documents')).toBe(false);
      const copy = await now.ok('officer-window', 'documents.create', { hearingId, kind: 'victimCopy', output: 'pdf' });
      const after = pdfText(Buffer.from(copy.pdfBase64!, 'base64'), 'old-version-now');
      const reprint = [
        victimText(catalogs.get('pl'), 'footer.reprint')!,
        victimText(catalogs.get('nl'), 'footer.reprint')!,
      ];
      const withoutReprint = (text: string) =>
        reprint
          .reduce((acc, word) => acc.replaceAll(word, ''), text)
          .split('\n')
          .map((line) => line.replace(/[\s·]+$/, ''))
          .filter((line) => line !== '');
      expect(after).toContain(reprint[0]);
      expect(withoutReprint(after)).toEqual(withoutReprint(before));
      // Its measures as recorded (the ban from residence is not hers to read: he does not live with her).
      expect(comparable(before)).toContain(comparable(victimText(catalogs.get('pl'), 'measures.state.inForce')!));
      // The request to the prosecutor identifies him as people v1 did: no register number or
      // birthplace rows, which that version never asked.
      const request = await now.ok('officer-window', 'documents.create', {
        hearingId,
        kind: 'prosecutorRequest',
        output: 'pdf',
      });
      const requestText = flat(pdfText(Buffer.from(request.pdfBase64!, 'base64'), 'old-version-request'));
      expect(requestText).toContain(flat('Geboortedatum'));
      expect(requestText).not.toContain(flat('Rijksregisternummer'));
      expect(requestText).not.toContain(flat('Geboorteplaats'));
    } finally {
      await now.close();
    }
  });
});
