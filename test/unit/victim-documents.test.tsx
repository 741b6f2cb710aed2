import { describe, expect, it } from 'vitest';
import { VICTIM_COPY_VARIANTS } from '../../domain/document-kinds';
import { formRegistry } from '../../forms/registry';
import { victimText, type VictimCatalog } from '../../forms/victim-catalogs';
import { renderDocumentHtml } from '../../src-main/documents/DocumentPage';
import { loadVictimCatalogs } from '../../src-main/documents/victim-catalog-store';
import { VictimDocument } from '../../src-main/documents/VictimCopy';
import {
  VICTIM_DOCUMENTS,
  type HearingRecord,
  type VictimDocumentModel,
} from '../../src-main/documents/victim-copy-model';
import {
  createVictimTextFilter,
  isFilteredText,
  NO_DECISIONS,
  protectedSourcesOf,
  type ReviewDecisions,
} from '../../src-main/documents/victim-safety';
import { ASSETS } from '../helpers/temp-core';

const catalogs = loadVictimCatalogs(ASSETS.victimCatalogsDir);
const fa = catalogs.get('fa')!;
const fr = catalogs.get('fr')!;

const SERVICES: HearingRecord['services'] = [
  {
    id: 's-112',
    name: '112',
    kind: 'emergency',
    region: 'national',
    languages: ['fr'],
    hours: '24/7',
    phone: '112',
    website: '',
    verifiedOn: null,
    active: true,
  },
  {
    id: 's-101',
    name: 'Police – 101',
    kind: 'emergency',
    region: 'national',
    languages: ['fr'],
    hours: '24/7',
    phone: '101',
    website: '',
    verifiedOn: null,
    active: true,
  },
  {
    id: 's-1712',
    name: '1712',
    kind: 'helpline',
    region: 'flanders',
    languages: ['nl'],
    hours: '',
    phone: '1712',
    website: '',
    verifiedOn: null,
    active: true,
  },
  {
    id: 's-help',
    name: 'Écoute violences conjugales',
    kind: 'helpline',
    region: 'wallonia',
    languages: ['fr'],
    hours: '24/7',
    phone: '0800 30 030',
    website: '',
    verifiedOn: null,
    active: true,
  },
  {
    id: 's-cf',
    name: 'Child Focus',
    kind: 'childProtection',
    region: 'national',
    languages: ['fr'],
    hours: '24/7',
    phone: '116 000',
    website: '',
    verifiedOn: null,
    active: true,
  },
  {
    id: 's-igvm',
    name: 'Institut (fictif)',
    kind: 'onlineHarm',
    region: 'national',
    languages: ['fr'],
    hours: '',
    phone: '0800 12 800',
    website: '',
    verifiedOn: null,
    active: true,
  },
  {
    id: 's-shelter',
    name: 'Refuge Les Glycines',
    kind: 'shelter',
    region: 'wallonia',
    languages: ['fr'],
    hours: '',
    phone: '04 111 11 11',
    website: '',
    verifiedOn: null,
    active: true,
  },
  {
    id: 's-support',
    name: 'Aide aux victimes (fictive)',
    kind: 'victimSupport',
    region: 'wallonia',
    languages: ['fr'],
    hours: '',
    phone: '04 222 22 22',
    website: '',
    verifiedOn: null,
    active: true,
  },
];

/** An invented hearing, as the documents service gathers it. */
function record(people: Record<string, unknown> = {}, overrides: Partial<HearingRecord> = {}): HearingRecord {
  return {
    reference: 'HD-2026-000042',
    createdAt: Date.UTC(2026, 10, 23, 9, 5),
    unitName: 'Unité Fictive',
    officer: { displayName: 'Inès Fictive', serviceNumber: 'SN 4711' },
    forms: {
      setup: {
        version: 1,
        answers: {
          procedureLanguage: 'fr',
          victimLanguage: 'fa',
          interpreterPresent: 'yes',
          interpreterReference: 'Interprète 12',
        },
      },
      rights: {
        version: 1,
        answers: { interpreterExplained: 'yes', interpreterAnswer: 'Elle demande un interprète en persan.' },
      },
      people: {
        version: 2,
        answers: {
          victimAddress: 'Avenue des Tilleuls 42, 4000 Liège',
          victimAddressNonCommunicable: 'yes',
          victimStayingAt: 'Maison d’accueil Horizon',
          victimSafeChannelDetail: 'sa sœur Nadia Benali, 0496 12 34 56',
          suspectCohabiting: 'no',
          children: [{ key: 'a', values: { firstName: 'Lina' } }],
          ...people,
        },
      },
      facts: {
        version: 1,
        answers: {
          place: 'devant le 42 av. des Tilleuls',
          period: { on: '2026-11-21' },
          formsOfViolence: ['physical'],
        },
      },
      measures: {
        version: 2,
        answers: { alarmPosition: 'refuses', alarmState: 'notPursued', residenceBanPosition: 'undecided' },
      },
      referrals: { version: 1, answers: { servicesGiven: ['s-shelter', 's-support'] } },
      documents: { version: 1, answers: { pvNumber: 'LI.55.L3.000042/2026' } },
    },
    statement: {
      text: 'Je dors à Horizon depuis lundi. Ma sœur Nadia m’appelle au 0496/12.34.56.\nFin.',
      approvedAt: Date.UTC(2026, 10, 23, 10, 0),
    },
    addenda: [],
    evidence: [{ number: 1, type: 'screenshot' }],
    services: SERVICES,
    ...overrides,
  };
}

function build(rec: HearingRecord, variant: 'full' | 'discreet', decisions: ReviewDecisions = NO_DECISIONS) {
  const shelters = rec.services.filter((s) => s.kind === 'shelter');
  const filter = createVictimTextFilter(
    protectedSourcesOf(rec.forms.people?.answers ?? {}, shelters, catalogs.all(), decisions),
    decisions,
  );
  return { model: VICTIM_DOCUMENTS[variant](rec, filter, { childNames: 'firstNames', officerName: true }), filter };
}

function html(model: VictimDocumentModel, her: VictimCatalog = fa, procedure: VictimCatalog | null = fr): string {
  return renderDocumentHtml({
    lang: her.meta.language,
    dir: her.meta.direction,
    title: 'x',
    fontFaces: '',
    footer: { left: '', pageOf: her.footer.page },
    children: (
      <VictimDocument
        model={model}
        languages={{ her, procedure }}
        printedAt={Date.UTC(2026, 10, 23, 11, 0)}
        reprint={false}
      />
    ),
  });
}

/** The text a reader sees in the HTML, entities decoded. */
function visible(page: string): string {
  return page
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

/**
 * Every string of every form ever shipped, the statement, addenda, unit, officer, reference and
 * directory: one protected value (`Rue des Canaris 7, 1000 Bruxelles`), so that any string a
 * document model passes on without the filter shows.
 */
const CANARY = 'Rue des Canaris 7, 1000 Bruxelles';
function canaryRecord(): HearingRecord {
  const forms: HearingRecord['forms'] = {};
  for (const form of formRegistry.all) {
    const answers: Record<string, unknown> = (forms[form.id] ??= { version: form.version, answers: {} }).answers;
    for (const field of form.fields) {
      if (field.kind === 'group')
        answers[field.id] = [{ key: 'a', values: Object.fromEntries(field.fields.map((f) => [f.id, CANARY])) }];
      else if (field.kind === 'multiChoice') answers[field.id] = [CANARY, 'physical'];
      else answers[field.id] = CANARY;
    }
  }
  Object.assign(forms.people!.answers, {
    victimAddress: CANARY,
    victimAddressNonCommunicable: 'yes',
    victimStayingAt: '',
    victimSafeChannelDetail: '',
  });
  Object.assign(forms.facts!.answers, { period: { about: CANARY, on: CANARY, from: CANARY, to: CANARY } });
  Object.assign(forms.setup!.answers, { victimLanguage: CANARY, procedureLanguage: CANARY, interpreterPresent: 'yes' });
  return {
    reference: CANARY,
    createdAt: Date.UTC(2026, 10, 23, 9, 5),
    unitName: CANARY,
    officer: { displayName: CANARY, serviceNumber: CANARY },
    forms,
    statement: { text: CANARY, approvedAt: Date.UTC(2026, 10, 23, 10, 0) },
    addenda: [{ text: `Ajout : ${CANARY}`, createdAt: Date.UTC(2026, 10, 24, 10, 0) }],
    evidence: [{ number: 1, type: 'screenshot' }],
    services: SERVICES.map((s) => ({ ...s, name: CANARY, hours: CANARY, website: `https://example.org/${CANARY}` })),
  };
}

/** Every string value in a model, with its path, FilteredText printed as she will read it. */
function walk(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (isFilteredText(value)) out.push({ path, text: value.printedText });
  else if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, out);
}

describe('every document she is given goes through the one filter', () => {
  it.each([...VICTIM_COPY_VARIANTS])(
    '%s: no string of the hearing reaches the model or the page unfiltered',
    (variant) => {
      const { model } = build(canaryRecord(), variant);
      const strings: { path: string; text: string }[] = [];
      walk(model, variant, strings);
      const leaks = strings.filter((s) => /canaris/i.test(s.text));
      expect(leaks, JSON.stringify(leaks)).toEqual([]);
      // Plain strings left in a model are codes the document says in her words, never her text.
      for (const s of strings.filter((x) => !/withheld|\[…\]/.test(x.text)))
        if (!s.path.endsWith('printedText')) expect(s.text, s.path).toMatch(/^[\w .:–/\-…[\]]*$/u);
      expect(visible(html(model))).not.toMatch(/canaris/i);
    },
  );

  it('the filtered texts she reads are the only ones the officer reviews (every field is seen)', () => {
    const { filter } = build(canaryRecord(), 'full');
    const fields = [...filter.seen.keys()];
    for (const field of [
      'statement',
      'addendum.1',
      'facts.place',
      'facts.period',
      'documents.interpreterTranslation',
      'documents.pvNumber',
      'setup.interpreterReference',
      'unit.name',
      'officer',
      'hearing.reference',
    ]) {
      expect(fields, field).toContain(field);
    }
  });
});

describe('her copy', () => {
  it('withholds where she is, how to reach her and the shelter, in the spellings people use', () => {
    const { model } = build(record(), 'full');
    if (model.document !== 'copy') throw new Error('not a copy');
    const statement = model.statement!.text!.printedText;
    expect(statement).not.toMatch(/horizon|nadia|0496/i);
    expect(statement).toContain('depuis lundi');
    expect(model.elements.place!.printedText).not.toMatch(/tilleuls|42/i);
  });

  it('never prints her or his national register or BIS number (people@4), in either variant', () => {
    // Invented numbers, valid under the register's rule; the birth dates beside them agree with them.
    const numbers = { victimNationalNumber: '91113006454', suspectNationalNumber: '78041215782' };
    const rec = record({ ...numbers, victimBirthDate: '1991-11-30', suspectBirthDate: '1978-04-12' });
    rec.forms.people!.version = 4;
    for (const variant of VICTIM_COPY_VARIANTS) {
      const { model } = build(rec, variant);
      const strings: { path: string; text: string }[] = [];
      walk(model, variant, strings);
      // The digits in any grouping (91113006454, 91.11.30-064.54, 91 11 30 064 54...).
      const digitsOnly = [...strings.map((s) => s.text), visible(html(model))].map((text) => text.replace(/\D/g, ''));
      for (const number of Object.values(numbers))
        for (const text of digitsOnly) expect(text, `${variant}: ${number}`).not.toContain(number);
    }
  });

  it('prints what was typed in the procedure language as typed, marked and isolated, never as her answer', () => {
    const { model } = build(record(), 'full');
    const page = html(model);
    expect(page).toMatch(
      /<bdi class="typed" lang="fr" dir="ltr"><span class="typed-note" lang="fa" dir="rtl">[^<]*<span>/,
    );
    expect(page).toContain('Elle demande un interprète en persan.');
    const typedNote = victimText(fa, 'copy.typedInProcedureLanguage')!.split('{{language}}')[0]!;
    expect(visible(page)).toContain(typedNote.trim());
  });

  it('leaves out measures that do not apply to her: no ban from residence when he does not live with her', () => {
    const { model } = build(record(), 'full');
    if (model.document !== 'copy') throw new Error('not a copy');
    expect(model.measures.map((m) => m.key)).toEqual(['alarm']);
    const { model: living } = build(record({ suspectCohabiting: 'yes' }), 'full');
    if (living.document !== 'copy') throw new Error('not a copy');
    expect(living.measures.map((m) => m.key)).toEqual(['residenceBan', 'alarm']);
  });

  it("lists 112 and 101, her region's helpline, Child Focus with children, and the services chosen: never a shelter or the whole directory", () => {
    const names = (rec: HearingRecord) => build(rec, 'full').model.services.map((s) => s.name?.printedText);
    expect(names(record())).toEqual([
      '112',
      'Police – 101',
      'Écoute violences conjugales',
      'Child Focus',
      'Aide aux victimes (fictive)',
    ]);
    // A home address in Flanders: 1712. No children: no Child Focus. Unknown region: every helpline.
    expect(names(record({ victimAddress: 'Kerkstraat 3, 9000 Gent', children: [] }))).toEqual([
      '112',
      'Police – 101',
      '1712',
      'Aide aux victimes (fictive)',
    ]);
    // A home address in Brussels: the Brussels helpline and 1712; Wallonia's only while the
    // directory has no Brussels helpline (a zone that has not added it yet).
    const brussels = { victimAddress: 'Rue Exemple 5, 1000 Bruxelles', children: [] };
    const withBrussels = [
      ...SERVICES,
      { ...SERVICES.find((s) => s.id === 's-help')!, id: 's-help-bxl', region: 'brussels' as const },
    ];
    expect(
      build(record(brussels, { services: withBrussels }), 'full').model.services.map((s) => [
        s.name?.printedText,
        s.region,
      ]),
    ).toEqual([
      ['112', 'national'],
      ['Police – 101', 'national'],
      ['1712', 'flanders'],
      ['Aide aux victimes (fictive)', 'wallonia'],
      ['Écoute violences conjugales', 'brussels'],
    ]);
    expect(names(record(brussels))).toEqual([
      '112',
      'Police – 101',
      '1712',
      'Écoute violences conjugales',
      'Aide aux victimes (fictive)',
    ]);
    expect(names(record({ victimAddress: '', children: [] }))).toEqual([
      '112',
      'Police – 101',
      '1712',
      'Écoute violences conjugales',
      'Aide aux victimes (fictive)',
    ]);
  });

  it("applies the officer's review: a passage she selected is withheld everywhere, a near match she released is printed", () => {
    const rec = record(
      {},
      { statement: { text: 'Je suis chez ma cousine à Ans. Je travaillais à Liège.', approvedAt: 1 } },
    );
    const before = build(rec, 'full').model;
    if (before.document !== 'copy') throw new Error('not a copy');
    const near = before.statement!.text!.review.find((p) => 'match' in p && p.match.certainty === 'near');
    expect(near?.text).toMatch(/Liège/);
    const after = build(rec, 'full', {
      withheld: ['chez ma cousine à Ans'],
      released: [{ field: 'statement', passage: 'liege', reason: 'Her workplace, which he knows.' }],
    }).model;
    if (after.document !== 'copy') throw new Error('not a copy');
    expect(after.statement!.text!.printedText).not.toMatch(/cousine/);
    expect(after.statement!.text!.printedText).toContain('Liège');
  });
});

describe('the neutral leaflet', () => {
  it.each(catalogs.all().map((c) => c.meta.language))(
    'in %s: her rights in general terms and where to get help, nothing of a complaint',
    (language) => {
      const her = catalogs.get(language)!;
      const { model } = build(record(), 'discreet');
      const text = visible(html(model, her, language === 'fr' ? null : fr));
      for (const key of [
        'copy.title',
        'copy.subtitle',
        'sections.statement',
        'sections.mainElements',
        'sections.measures',
        'sections.rights',
        'header.pvNumber',
        'header.officer',
        'elements.formsOfViolence',
        'statement.interpreterTranslationTitle',
      ]) {
        expect(text, `${language} ${key}`).not.toContain(victimText(her, key));
        expect(text, `fr ${key}`).not.toContain(victimText(fr, key));
      }
      for (const value of [
        'LI.55.L3',
        'HD-2026',
        'Police',
        'Horizon',
        'Tilleuls',
        '21/11/2026',
        'EV-0001',
        'Interprète',
      ])
        expect(text, value).not.toContain(value);
      expect(text).toContain(victimText(her, 'leaflet.title'));
      expect(text).toContain('0800 30 030');
    },
  );
});

describe('the document page', () => {
  it('keeps catalog text in its page footer from ending the style sheet', () => {
    const page = renderDocumentHtml({
      lang: 'fr',
      dir: 'ltr',
      title: 'x',
      fontFaces: '',
      footer: { left: '</style><b>injected</b>', pageOf: 'Page {{page}} "sur" {{pages}}' },
      children: <p>corps</p>,
    });
    expect(page).not.toContain('</style><b>');
    expect(page.match(/<\/style>/g)).toHaveLength(1);
    expect(page).toContain('"Page " counter(page) " \\"sur\\" " counter(pages)');
  });

  it('is right to left for Persian, with numbers, dates and references isolated left to right', () => {
    const page = html(build(record(), 'full').model);
    expect(page).toMatch(/^<!doctype html><html lang="fa" dir="rtl">/);
    for (const value of ['0800 30 030', '112', 'LI.55.L3.000042/2026', '23/11/2026 10:05', '21/11/2026', 'EV-0001'])
      expect(visible(page), value).toContain(value);
    expect(page).toMatch(/<bdi dir="ltr" class="ltr">23\/11\/2026 10:05<\/bdi>/);
    expect(page).toContain('<span class="procedure" lang="fr" dir="ltr">Vos droits</span>');
    expect(page).not.toContain('<script');
  });
});
