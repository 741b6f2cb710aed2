import { describe, expect, it } from 'vitest';
import { EVIDENCE_TYPES } from '../../domain/evidence-rules';
import { formRegistry } from '../../forms/registry';
import { REGIONS, SERVICE_KINDS } from '../../domain/support-directory';
import { victimText } from '../../forms/victim-catalogs';
import { formatDateTime, formatLocalDate } from '../../src-main/documents/format';
import { countPdfPages } from '../../src-main/documents/output';
import { loadVictimCatalogs } from '../../src-main/documents/victim-catalog-store';
import { createPrintPages, PRINT_PAGE_CSP } from '../../src-main/electron/print-pages';
import { ASSETS } from '../helpers/temp-core';

const catalogs = loadVictimCatalogs(ASSETS.victimCatalogsDir);

describe('every answer her copy prints has a text in her catalog', () => {
  it('for each version of the facts, measures and setup steps ever shipped', () => {
    const en = catalogs.get('en')!;
    const options = (formId: string, fieldId: (id: string) => boolean) =>
      formRegistry.all
        .filter((f) => f.id === formId)
        .flatMap((f) => f.fields.filter((field) => fieldId(field.id)))
        .flatMap((field) => ('options' in field ? field.options.map((o) => o.value) : []));
    for (const form of options('facts', (id) => id === 'formsOfViolence'))
      expect(victimText(en, `violence.${form}`), form).toBeTruthy();
    for (const state of options('measures', (id) => id.endsWith('State')))
      expect(victimText(en, `measures.state.${state}`), state).toBeTruthy();
    for (const position of options('measures', (id) => id.endsWith('Position')))
      expect(victimText(en, `measures.position.${position}`), position).toBeTruthy();
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
    expect(
      countPdfPages(
        Buffer.from('<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page/Parent 1 0 R >>', 'latin1'),
      ),
    ).toBe(2);
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
