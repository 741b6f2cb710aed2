import 'i18next';
import type { OfficerCatalog } from '../forms/translation';

/**
 * The renderer's keys are the English officer catalog's (the same one place `OfficerKey` comes
 * from): every `t('...')` in src-renderer is checked by the compiler, and a key built from a
 * value (`t(\`risk.level.${level}\`)`) is checked through the value's own union type. A key
 * named by data (a definition's labelKey, a risk item) goes through `definitionKey`, checked by
 * test/unit/forms.test.ts.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: OfficerCatalog };
    returnNull: false;
    returnEmptyString: false;
    keySeparator: '.';
    nsSeparator: false;
    // A JSON import types each text as `string`, so there are no `{{placeholders}}` to read from
    // it: parsing them would only cost the type check time.
    parseInterpolation: false;
    strictInterpolationChecks: false;
  }
}
