import i18next, { type InitOptions } from 'i18next';
import type englishOfficerCatalog from './catalogs/officer/en.json';

/** The officer catalogs' shape: the English one, which the others match key for key. */
export type OfficerCatalog = typeof englishOfficerCatalog;

/**
 * The one translation runtime: i18next, with the same options in the renderer (src-renderer/
 * i18n.ts) and in main (documents, the shell's dialogs), so a text, its `{{placeholders}}` and
 * its plural forms (`_one`, `_other`... chosen by the language's own rules: French says "0
 * élément", singular) read the same on screen and on paper.
 */
export const TRANSLATION_OPTIONS = {
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  returnEmptyString: false,
  // Declared rather than guessed: i18next otherwise tests every key for a natural-language
  // sentence, which costs more than the lookup itself on a screen with hundreds of labels.
  keySeparator: '.',
  nsSeparator: false,
  // An unknown placeholder stays visible rather than vanishing from a sentence.
  missingInterpolationHandler: (_text: string, match: RegExpExecArray | string[]) => match[0],
} satisfies InitOptions;

/** Looks a text up; undefined when the catalog has none (never the key itself). */
export type Translate = (key: string, values?: Record<string, string | number>) => string | undefined;

const translators = new WeakMap<object, Map<string, Translate>>();

/**
 * A translator over one catalog, made once per catalog and language. Keys under `meta` (a
 * catalog's own description) are not texts.
 */
export function translator(language: string, catalog: object): Translate {
  let byLanguage = translators.get(catalog);
  if (!byLanguage) translators.set(catalog, (byLanguage = new Map()));
  const found = byLanguage.get(language);
  if (found) return found;
  const instance = i18next.createInstance();
  void instance.init({
    ...TRANSLATION_OPTIONS,
    initAsync: false,
    lng: language,
    resources: { [language]: { translation: catalog as Record<string, unknown> } },
  });
  // Any catalog (her 19, a test's), not only the officer one whose keys type the renderer's `t`
  // (src-renderer/i18n-resources.d.ts): a key here is a string, looked up only once exists() found it.
  const lookup = instance.t.bind(instance) as (key: string, values: Record<string, string | number>) => unknown;
  const translate: Translate = (key, values = {}) => {
    if (key === 'meta' || key.startsWith('meta.') || !instance.exists(key, values)) return undefined;
    // A branch of the catalog is not a text (plural forms are found by exists() above).
    const own: unknown = instance.getResource(language, 'translation', key);
    if (own !== undefined && typeof own !== 'string') return undefined;
    const text = lookup(key, values);
    return typeof text === 'string' ? text : undefined;
  };
  byLanguage.set(language, translate);
  return translate;
}

/** Every dotted path to a text of a catalog; a plural text (`x_one`, `x_other`) is asked for as `x`. */
type TextPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K}`
    : TextPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** The officer catalogs' keys, from the English catalog: a key that is not there fails the type check. */
export type OfficerKey = TextPaths<OfficerCatalog>;

/**
 * A key named by data rather than code: a form definition's labels and options, a versioned risk
 * definition's own ids (an item, a flag, a measure), a digital prompt's offences, a statistics
 * category. The compiler cannot follow data; test/unit/forms.test.ts checks that every key they
 * name is in every officer catalog. Main's documents and the renderer's screens both ask through it.
 */
export function definitionKey(key: string): OfficerKey {
  return key as OfficerKey;
}
