import { describe, expect, it } from 'vitest';
import de from '../../forms/catalogs/officer/de.json';
import en from '../../forms/catalogs/officer/en.json';
import fr from '../../forms/catalogs/officer/fr.json';
import nl from '../../forms/catalogs/officer/nl.json';
import { translator } from '../../forms/translation';

/** Every text of a catalog, with its dotted key. */
function texts(catalog: object, prefix = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : texts(value as object, `${prefix}${key}.`),
  );
}

describe('colons in the officer texts', () => {
  it('joins a label to its value with a no-break space before the colon in French only', () => {
    const join = (language: string, catalog: object) =>
      `Elle a très peur${translator(language, catalog)('form.colon')} Oui`;
    expect(join('fr', fr)).toBe('Elle a très peur\u202f: Oui');
    expect(join('en', en)).toBe('Elle a très peur: Oui');
    expect(join('nl', nl)).toBe('Elle a très peur: Oui');
    expect(join('de', de)).toBe('Elle a très peur: Oui');
  });

  it('never runs a French word into its colon ("peur: Oui")', () => {
    // A colon right after a word or a closing bracket, then a space: an English-style colon.
    const runOn = texts(fr).filter(([, text]) => /[\p{L}\d)»}]: /u.test(text.replace(/https?:\/\//g, '')));
    expect(runOn).toEqual([]);
  });

  it('keeps the French words read aloud to her whole on screen: no line break before ? ! ; : or inside « »', () => {
    // A narrow no-break space, as form.colon has it: a question mark alone on a line reads as a new question.
    const readAloud = texts(fr).filter(([key]) => key.endsWith('.plain'));
    expect(readAloud.length).toBeGreaterThan(60);
    const breakable = readAloud.filter(([, text]) => / [?!;:»]|« /.test(text));
    expect(breakable).toEqual([]);
  });
});
