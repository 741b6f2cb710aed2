import { describe, expect, it } from 'vitest';
import { EVIDENCE_TYPES } from '../../forms/evidence';
import { formRegistry } from '../../forms/registry';
import { REGIONS, SERVICE_KINDS } from '../../forms/support-directory';
import { victimText } from '../../forms/victim-catalogs';
import { renderDocumentHtml } from '../../src-main/documents/DocumentPage';
import { formatDateTime, formatLocalDate } from '../../src-main/documents/format';
import { countPdfPages } from '../../src-main/documents/output';
import { loadVictimCatalogs } from '../../src-main/documents/victim-catalog-store';
import { VictimCopy } from '../../src-main/documents/VictimCopy';
import { buildVictimCopyModel, protectedValues, type HearingRecord } from '../../src-main/documents/victim-copy-model';
import { createPrintPages, PRINT_PAGE_CSP } from '../../src-main/electron/print-pages';
import { assertNothingProtected } from '../../src-main/services/documents';
import { ASSETS } from '../helpers/temp-core';

const catalogs = loadVictimCatalogs(ASSETS.victimCatalogsDir);

/** An invented hearing, as the documents service gathers it. */
function record(overrides: Partial<HearingRecord> = {}, people: Record<string, unknown> = {}): HearingRecord {
  return {
    reference: 'HD-2026-000042',
    createdAt: Date.UTC(2026, 10, 23, 9, 5),
    unitName: 'Unité Fictive',
    officer: { displayName: 'Inès Fictive', serviceNumber: 'SN 4711' },
    forms: {
      setup: { version: 1, answers: { procedureLanguage: 'fr', victimLanguage: 'fa', interpreterPresent: 'yes', interpreterReference: 'Interprète 12' } },
      people: {
        version: 2,
        answers: {
          victimAddress: 'Rue des Exemples 12',
          victimAddressNonCommunicable: 'yes',
          victimStayingAt: 'chez Tante Fictive',
          children: [{ key: 'a', values: { firstName: 'Lina' } }],
          ...people,
        },
      },
      facts: { version: 1, answers: { place: 'devant la Rue des Exemples 12', period: { on: '2026-11-21' }, formsOfViolence: ['physical'] } },
      measures: { version: 2, answers: { alarmPosition: 'refuses', alarmState: 'notPursued' } },
      referrals: { version: 1, answers: { servicesGiven: ['s-shelter', 's-support'] } },
      documents: { version: 1, answers: { pvNumber: 'LI.55.L3.000042/2026' } },
    },
    statement: { text: 'Je vis chez  TANTE fictive depuis lundi.\nFin.', approvedAt: Date.UTC(2026, 10, 23, 10, 0) },
    addenda: [],
    evidence: [{ label: 'EV-0001', type: 'screenshot' }],
    services: [
      { id: 's-112', name: '112', kind: 'emergency', region: 'national', languages: ['fr'], hours: '24/7', phone: '112', website: '', verifiedOn: null, active: true },
      { id: 's-help', name: 'Écoute violences conjugales', kind: 'helpline', region: 'wallonia', languages: ['fr'], hours: '24/7', phone: '0800 30 030', website: '', verifiedOn: null, active: true },
      { id: 's-shelter', name: 'Refuge Fictif', kind: 'shelter', region: 'wallonia', languages: ['fr'], hours: '', phone: '04 111 11 11', website: '', verifiedOn: null, active: true },
      { id: 's-support', name: 'Aide aux victimes (fictive)', kind: 'victimSupport', region: 'wallonia', languages: ['fr'], hours: '', phone: '04 222 22 22', website: '', verifiedOn: null, active: true },
      { id: 's-other', name: 'Service non choisi', kind: 'victimSupport', region: 'flanders', languages: ['nl'], hours: '', phone: '09 333 33 33', website: '', verifiedOn: null, active: true },
    ],
    ...overrides,
  };
}

const options = { variant: 'full' as const, childNames: 'firstNames' as const, officerName: false };

function html(rec: HearingRecord, variant: 'full' | 'discreet' = 'full'): string {
  const model = buildVictimCopyModel(rec, { ...options, variant });
  return renderDocumentHtml({
    lang: 'fa',
    dir: 'rtl',
    title: 'x',
    fontFaces: '',
    footer: { left: '', pageOf: catalogs.get('fa')!.footer.page },
    children: <VictimCopy model={model} languages={{ her: catalogs.get('fa')!, procedure: catalogs.get('fr')! }} printedAt={Date.UTC(2026, 10, 23, 11, 0)} reprint={false} />,
  });
}

describe("the victim's copy model", () => {
  it('withholds her protected values wherever free text repeats them, whatever the case and spacing', () => {
    const model = buildVictimCopyModel(record(), options);
    expect(model.statement!.text).toEqual([{ text: 'Je vis ' }, { withheld: true }, { text: ' depuis lundi.\nFin.' }]);
    expect(model.elements.place).toEqual([{ text: 'devant la ' }, { withheld: true }]);
    expect(model.withheldCount).toBe(2);
    expect(model.elements.children).toEqual([[{ text: 'Lina' }]]);
    expect(buildVictimCopyModel(record(), { ...options, childNames: 'generic' }).elements.children).toEqual(['generic']);
  });

  it('withholds her address only when it is non-communicable', () => {
    const model = buildVictimCopyModel(record({}, { victimAddressNonCommunicable: 'no' }), options);
    expect(model.elements.place).toEqual([{ text: 'devant la Rue des Exemples 12' }]);
    expect(protectedValues(record({}, { victimAddressNonCommunicable: 'no' }))).not.toContain('Rue des Exemples 12');
  });

  it('prints emergencies, helplines and the services she was given, never a shelter', () => {
    const names = buildVictimCopyModel(record(), options).services.map((s) => s.name);
    expect(names).toEqual(['112', 'Écoute violences conjugales', 'Aide aux victimes (fictive)']);
  });

  it('leaves the header and the statement out of the discreet variant', () => {
    const model = buildVictimCopyModel(record(), { ...options, variant: 'discreet' });
    expect(model.header).toBeNull();
    expect(model.statement).toBeNull();
    expect(model.rights).toHaveLength(7);
  });
});

describe("the victim's copy page", () => {
  it('is right to left for Persian, with numbers, dates and references isolated left to right', () => {
    const page = html(record());
    expect(page).toMatch(/^<!doctype html><html lang="fa" dir="rtl">/);
    for (const value of ['0800 30 030', '112', 'LI.55.L3.000042/2026', '23/11/2026 10:05', '21/11/2026', 'EV-0001', 'SN 4711']) {
      expect(page, value).toContain(`<bdi dir="ltr" class="ltr">${value}</bdi>`);
    }
    // French beside Persian, marked as such.
    expect(page).toContain('<span class="procedure" lang="fr" dir="ltr">Vos droits</span>');
    // Page numbers come from her catalog, as CSS counters.
    expect(page).toContain('counter(page)');
    expect(page).not.toContain('<script');
  });

  it('keeps catalog text in its page footer from ending the style sheet', () => {
    const page = renderDocumentHtml({ lang: 'fr', dir: 'ltr', title: 'x', fontFaces: '', footer: { left: '</style><b>injected</b>', pageOf: 'Page {{page}} "sur" {{pages}}' }, children: <p>corps</p> });
    expect(page).not.toContain('</style><b>');
    expect(page.match(/<\/style>/g)).toHaveLength(1);
    expect(page).toContain('"Page " counter(page) " \\"sur\\" " counter(pages)');
  });

  it('is refused at the last step if a protected value reached it anyway', () => {
    const rec = record();
    expect(() => assertNothingProtected(html(rec), protectedValues(rec))).not.toThrow();
    expect(() => assertNothingProtected(`${html(rec)}<p>chez tante   FICTIVE</p>`, protectedValues(rec))).toThrow(/protected value/);
    // Markup between the words does not hide them.
    expect(() => assertNothingProtected('<p>Rue des <b>Exemples</b> 12</p>', ['Rue des Exemples 12'])).toThrow(/protected value/);
  });
});

describe("every answer her copy prints has a text in her catalog", () => {
  it('for each version of the facts, measures and setup steps ever shipped', () => {
    const en = catalogs.get('en')!;
    const options = (formId: string, fieldId: (id: string) => boolean) =>
      formRegistry.all
        .filter((f) => f.id === formId)
        .flatMap((f) => f.fields.filter((field) => fieldId(field.id)))
        .flatMap((field) => ('options' in field ? field.options.map((o) => o.value) : []));
    for (const form of options('facts', (id) => id === 'formsOfViolence')) expect(victimText(en, `violence.${form}`), form).toBeTruthy();
    for (const state of options('measures', (id) => id.endsWith('State'))) expect(victimText(en, `measures.state.${state}`), state).toBeTruthy();
    for (const position of options('measures', (id) => id.endsWith('Position'))) expect(victimText(en, `measures.position.${position}`), position).toBeTruthy();
    for (const type of EVIDENCE_TYPES) expect(victimText(en, `evidenceTypes.${type}`), type).toBeTruthy();
    for (const kind of SERVICE_KINDS) expect(victimText(en, `help.kind.${kind}`), kind).toBeTruthy();
    for (const region of REGIONS) expect(victimText(en, `help.region.${region}`), region).toBeTruthy();
  });
});

describe('document helpers', () => {
  it('write dates day/month/year in Belgian time with Western digits', () => {
    expect(formatDateTime(Date.UTC(2026, 6, 1, 22, 30))).toBe('02/07/2026 00:30');
    expect(formatLocalDate('2026-03-14')).toBe('14/03/2026');
    expect(formatLocalDate('2026-03-14T21:05')).toBe('14/03/2026 21:05');
    expect(formatLocalDate('l’été après le mariage')).toBe('l’été après le mariage');
  });

  it('count the pages of a PDF', () => {
    expect(countPdfPages(Buffer.from('<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page/Parent 1 0 R >>', 'latin1'))).toBe(2);
  });
});

describe("the Electron shell's print pages", () => {
  it('serve a document once registered, to its own token only, under a script-less policy', async () => {
    const pages = createPrintPages();
    const { url, release } = pages.add('<!doctype html><p>copie</p>');
    expect(url).toMatch(/^app:\/\/print\/[0-9a-f]{48}$/);
    const served = pages.serve(url)!;
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('<!doctype html><p>copie</p>');
    expect(served.headers.get('Content-Security-Policy')).toBe(PRINT_PAGE_CSP);
    expect(PRINT_PAGE_CSP).not.toMatch(/script-src/);
    expect(pages.serve(`${url}0`)!.status).toBe(404);
    expect(pages.serve('app://hearing-desk/index.html')).toBeNull();
    release();
    expect(pages.serve(url)!.status).toBe(404);
  });
});
