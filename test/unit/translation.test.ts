import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import fr from '../../forms/catalogs/officer/fr.json';
import { definitionKey, TRANSLATION_OPTIONS, translator } from '../../forms/translation';
import { victimText } from '../../forms/victim-catalogs';
import { officerText } from '../../src-main/documents/officer-text';
import { loadVictimCatalogs } from '../../src-main/documents/victim-catalog-store';
import { ASSETS } from '../helpers/temp-core';

/** The renderer's runtime, set up as src-renderer/i18n.ts does. */
async function rendererT(language: string, catalog: object) {
  const instance = i18next.createInstance();
  await instance.init({ ...TRANSLATION_OPTIONS, lng: language, resources: { [language]: { translation: catalog } } });
  return instance.t.bind(instance);
}

describe('one translation runtime', () => {
  it("gives main's documents the renderer's plural forms: French zero is singular, English zero plural", async () => {
    const onScreen = await rendererT('fr', fr);
    const onPaper = officerText('fr');
    for (const count of [0, 1, 2, 5]) {
      expect(onPaper('risk.result.reassessDays', { count })).toBe(onScreen('risk.result.reassessDays', { count }));
    }
    expect(onPaper('risk.result.reassessDays', { count: 0 })).toBe('Réévaluer dans 0 jour.');
    expect(officerText('en')('risk.result.reassessDays', { count: 0 })).toBe('Reassess within 0 days.');
  });

  it('never prints a key: a missing text fails loudly on paper, and is no text for a lookup', () => {
    // A key from a definition that the catalog lacks: the compiler cannot see it, the document refuses it.
    expect(() => officerText('nl')(definitionKey('risk.result.noSuchText'))).toThrow(
      /nl has no text risk.result.noSuchText/,
    );
    const translate = translator('fr', fr);
    expect(translate('risk.result')).toBeUndefined();
    expect(translate('no.such.key')).toBeUndefined();
  });

  it('keeps an unknown placeholder visible and leaves her texts as written for the page to fill', () => {
    expect(translator('en', { greeting: 'Hello {{name}}, {{unknown}}' })('greeting', { name: 'Ada' })).toBe(
      'Hello Ada, {{unknown}}',
    );
    const catalogs = loadVictimCatalogs(ASSETS.victimCatalogsDir);
    const arabic = catalogs.get('ar');
    expect(victimText(arabic, 'copy.typedInProcedureLanguage')).toContain('{{language}}');
    expect(victimText(arabic, 'meta.name')).toBeUndefined();
    expect(victimText(undefined, 'copy.title')).toBeUndefined();
  });
});
