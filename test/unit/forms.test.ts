import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formDefinitionSchema, type FormDefinitionInput } from '../../forms/definition-schema';
import { answerSchema, formAnswersSchema, isFieldVisible, missingBeforeClose } from '../../forms/engine';
import { peopleV1 } from '../../forms/definitions/people.v1';
import { setupV1 } from '../../forms/definitions/setup.v1';
import { OFFICER_UI_LANGUAGES } from '../../domain/languages';
import { buildRegistry, formRegistry } from '../../forms/registry';
import { riskRegistry } from '../../forms/risk/registry';
import { DIGITAL_PROMPTS } from '../../forms/digital/prompts';
import { OFFENCE_CODES } from '../../forms/digital/offences';
import { STATISTICS_MEASURES } from '../../domain/statistics-rules';
import { STATISTICS_CATEGORIES } from '../../src-main/services/statistics';
import { categoryKey } from '../../src-renderer/features/statistics/statistics-keys';
import { TRANSLATION_STATUSES, victimText, victimTextKeys, type VictimCatalog } from '../../forms/victim-catalogs';
import { VICTIM_LANGUAGES } from '../../domain/languages';
import { loadVictimCatalogs } from '../../src-main/documents/victim-catalog-store';
import { ASSETS, openTestCore, seedAccounts, tempDir, type TestCore } from '../helpers/temp-core';

const CATALOG_DIR = path.resolve(import.meta.dirname, '../../forms/catalogs/officer');
const catalogs = Object.fromEntries(
  OFFICER_UI_LANGUAGES.map((lang) => [
    lang,
    JSON.parse(fs.readFileSync(path.join(CATALOG_DIR, `${lang}.json`), 'utf8')) as object,
  ]),
);

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  return Object.entries(value as object).reduce<Record<string, string>>(
    (all, [k, v]) => ({ ...all, ...flatten(v, prefix ? `${prefix}.${k}` : k) }),
    {},
  );
}
const flat = Object.fromEntries(Object.entries(catalogs).map(([lang, c]) => [lang, flatten(c)]));

type AnyField = ReturnType<typeof formDefinitionSchema.parse>['fields'][number];
function keysOfField(f: AnyField): string[] {
  return [
    f.labelKey,
    ...(f.helpKey ? [f.helpKey] : []),
    ...(f.sectionKey ? [f.sectionKey] : []),
    ...(f.guidance ?? []).flatMap((g) => [g.labelKey, g.textKey]),
    ...(f.kind === 'singleChoice' || f.kind === 'multiChoice' ? f.options.map((o) => o.labelKey) : []),
    ...(f.kind === 'group' ? [f.itemLabelKey, ...f.fields.flatMap((sub) => keysOfField(sub))] : []),
  ];
}
function keysOfDefinition(form: ReturnType<typeof formDefinitionSchema.parse>): string[] {
  return [
    form.titleKey,
    ...(form.restOfSection ? [form.restOfSection.labelKey] : []),
    ...form.fields.flatMap(keysOfField),
  ];
}

/**
 * The keys the screens and documents build from data the compiler cannot follow, each through
 * `definitionKey` (forms/translation.ts): the risk tool's items, flags, barriers, procedures,
 * measures and digital signals, the digital prompts' offences, the statistics' categories. A key
 * built from a typed value (`risk.level.${level}`, `error.${code}`) is checked by the type check.
 */
function keysFromData(): string[] {
  // Every version of the tool: an old assessment shows with its own.
  const versions = Array.from({ length: riskRegistry.latest().version }, (_, i) => riskRegistry.get(i + 1));
  const definitions = versions.filter((d) => d !== undefined);
  const items = definitions.flatMap((d) => d.domains.flatMap((domain) => domain.items.map((i) => i.id)));
  return [
    ...items.flatMap((i) => [`risk.items.${i}.short`, `risk.items.${i}.label`, `risk.items.${i}.why`]),
    ...definitions.flatMap((definition) => [
      ...definition.redFlags.map((f) => `risk.flags.${f.id}`),
      ...definition.barriers.map((b) => `risk.barriers.${b.id}`),
      ...definition.levels.flatMap((l) => [...l.procedureKeys, ...l.measures.map((m) => `risk.measures.${m}`)]),
      ...(definition.digitalSignals ?? []).flatMap((signal) => [
        `risk.signals.${signal.id}`,
        ...(signal.flag ? [`digital.signals.${signal.flag}`] : []),
      ]),
    ]),
    ...DIGITAL_PROMPTS.flatMap((p) => p.offences.map((o) => `digital.offences.names.${o}`)),
    ...OFFENCE_CODES.flatMap((c) => c.articles.map((o) => `digital.offences.articles.${c.id}.${o}`)),
    ...STATISTICS_MEASURES.flatMap((m) => STATISTICS_CATEGORIES[m].map((c) => categoryKey(m, c))),
  ];
}

describe('officer catalogs', () => {
  it('have the same keys in French, Dutch, German and English, none empty', () => {
    const reference = Object.keys(flat.en!).sort();
    for (const lang of OFFICER_UI_LANGUAGES) {
      expect(Object.keys(flat[lang]!).sort(), lang).toEqual(reference);
      for (const [key, text] of Object.entries(flat[lang]!)) expect(text.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  it('describe every English text for translators: where it shows, who reads it, each placeholder', () => {
    // Written by hand beside each key: a new text needs its description in en.context.json.
    const context = flatten(JSON.parse(fs.readFileSync(path.join(CATALOG_DIR, 'en.context.json'), 'utf8')));
    expect(Object.keys(context).sort()).toEqual(Object.keys(flat.en!).sort());
    for (const [key, text] of Object.entries(flat.en!)) {
      expect(context[key]!.length, key).toBeGreaterThan(20);
      for (const placeholder of text.match(/\{\{\w+\}\}/g) ?? []) expect(context[key], key).toContain(placeholder);
    }
  });

  it('translate every key the form definitions and the data the screens read name', () => {
    const used = [
      ...formRegistry.all.flatMap(keysOfDefinition),
      // The form engine's answer checks (forms/engine.ts), carried to the screen as zod messages.
      'answer.tooLong',
      'answer.notAnOption',
      'answer.exclusiveOption',
      'answer.impossibleDate',
      'answer.periodReversed',
      'answer.tooManyItems',
      'answer.nationalNumber.format',
      'answer.nationalNumber.checkDigits',
      'answer.nationalNumber.date',
      'answer.nationalNumber.birthDateDiffers',
      // The evidence rules' messages (domain/evidence-rules.ts), shown by the evidence forms.
      'evidence.tooLong',
      'evidence.invalidPrompt',
      'evidence.invalidUrl',
      'form.required',
      ...keysFromData(),
    ];
    for (const lang of OFFICER_UI_LANGUAGES) {
      // A key used with a count is found under its plural forms.
      const missing = used.filter((key) => !(key in flat[lang]!) && !(`${key}_other` in flat[lang]!));
      expect(missing, lang).toEqual([]);
    }
  });
});

describe('form definitions', () => {
  it('are all valid, with unique id and version', () => {
    expect(formRegistry.all.length).toBeGreaterThan(0);
    for (const form of formRegistry.all) expect(formDefinitionSchema.safeParse(form).success).toBe(true);
  });

  it('refuse broken definitions', () => {
    const broken: [string, unknown][] = [
      ['duplicate field', { ...setupV1, fields: [setupV1.fields[0], setupV1.fields[0]] }],
      [
        'follow-up on an unknown field',
        {
          ...setupV1,
          fields: [{ id: 'a', kind: 'shortText', labelKey: 'x', visibleWhen: { field: 'nope', in: ['yes'] } }],
        },
      ],
      [
        'follow-up on an unknown option',
        {
          ...setupV1,
          fields: [
            setupV1.fields[3],
            {
              id: 'a',
              kind: 'shortText',
              labelKey: 'x',
              visibleWhen: { field: 'interpreterRequested', in: ['maybe'] },
            },
          ],
        },
      ],
      ['prose instead of a key', { ...setupV1, titleKey: 'Set-up of the hearing' }],
      ['unknown kind', { ...setupV1, fields: [{ id: 'a', kind: 'slider', labelKey: 'x' }] }],
      [
        'single option',
        {
          ...setupV1,
          fields: [{ id: 'a', kind: 'singleChoice', labelKey: 'x', options: [{ value: 'y', labelKey: 'y' }] }],
        },
      ],
    ];
    for (const [name, definition] of broken)
      expect(formDefinitionSchema.safeParse(definition).success, name).toBe(false);
    expect(() => buildRegistry([setupV1, setupV1], ['setup'])).toThrow(/share an id and version/);
    expect(() => buildRegistry([setupV1], ['setup', 'people'])).toThrow(/has no form definition/);
  });

  it('derive the answer schemas main and the renderer both use', () => {
    const form = formRegistry.latest('setup')!;
    const byId = Object.fromEntries(form.fields.map((f) => [f.id, f]));
    expect(answerSchema(byId.procedureLanguage!).safeParse('nl').success).toBe(true);
    expect(answerSchema(byId.procedureLanguage!).safeParse('en').success).toBe(false);
    expect(answerSchema(byId.procedureLanguage!).safeParse(null).success).toBe(true);
    expect(answerSchema(byId.interpreterReference!).safeParse('x'.repeat(200)).success).toBe(true);
    expect(answerSchema(byId.interpreterReference!).safeParse('x'.repeat(201)).success).toBe(false);
    expect(formAnswersSchema(form).safeParse({ procedureLanguage: 'fr', unknownField: 'x' }).success).toBe(false);
  });

  it('ask follow-ups only when their condition holds, and list what is missing before closing', () => {
    const form = formRegistry.latest('setup')!;
    const reference = form.fields.find((f) => f.id === 'interpreterReference')!;
    expect(isFieldVisible(reference, { interpreterPresent: 'yes' })).toBe(true);
    expect(isFieldVisible(reference, { interpreterPresent: 'no' })).toBe(false);
    const missing = missingBeforeClose(form, {
      procedureLanguage: 'fr',
      victimLanguage: 'ar',
      interpreterRequested: 'yes',
      interpreterPresent: 'yes',
      interpreterReference: '  ',
    });
    expect(missing).toContain('interpreterReference');
    expect(missing).not.toContain('victimLanguageOther');
    expect(missing).not.toContain('procedureLanguage');
  });
});

describe('the risk step', () => {
  it('gives every item words to read aloud from version 4 on, and leaves the questions of 1 to 3 as they were asked', () => {
    const readAloud = (version: number) =>
      formRegistry
        .get('risk', version)!
        .fields.filter((f) => /^risk\.items\.[A-Z][0-9]+\.label$/.test(f.labelKey))
        .map((f) => [f.id, f.guidance?.map((g) => g.textKey) ?? []] as const);
    for (const version of [1, 2, 3]) expect(readAloud(version).every(([, keys]) => keys.length === 0)).toBe(true);
    const items = readAloud(4);
    expect(items.length).toBeGreaterThan(20);
    for (const [id, keys] of items) expect(keys, id).toEqual([`risk.items.${id.toUpperCase()}.plain`]);
  });

  it('give escalation one meaning in every language: the violence getting worse (A2), never the repeated interventions (A9)', () => {
    for (const lang of OFFICER_UI_LANGUAGES) {
      const word = flat[lang]!['risk.items.A2.short']!.toLowerCase();
      // The rule's floor for three interventions in a year, on screen, in the report and in A9's help.
      for (const key of ['risk.rules.escalation', 'documents.risk.escalation', 'risk.items.A9.why'])
        expect(flat[lang]![key]!.toLowerCase(), `${lang}:${key}`).not.toContain(word);
      expect(flat[lang]!['risk.items.A2.why']!.toLowerCase(), lang).toContain(word);
    }
  });
});

describe('versioned definitions', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.close());

  // Version 2 drops a question, adds one and narrows an option list.
  const setupV2: FormDefinitionInput = {
    ...setupV1,
    version: 2,
    fields: [
      ...setupV1.fields.filter((f) => f.id !== 'safeToTalk'),
      { id: 'safeContactChannel', kind: 'shortText', labelKey: 'form.setup.victimWishes.label' },
    ],
  };

  it('keep a hearing on the version it was opened under after the definition changes', async () => {
    t = await openTestCore({ registry: buildRegistry([setupV1], ['setup']) });
    await seedAccounts(t);
    const { hearing: old } = await t.ok('officer-window', 'hearings.create', {});
    await t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId: old.id,
      formId: 'setup',
      changes: [{ fieldId: 'safeToTalk', value: 'yes', baseRevision: 0 }],
    });
    await t.close();

    // The app is updated: version 2 ships beside version 1.
    t = await openTestCore({ dir: t.dir, key: t.key, registry: buildRegistry([setupV1, setupV2], ['setup']) });
    await t.ok('officer-window', 'session.login', { username: 'officer.one', password: 'officer one passphrase' });
    const reopened = await t.ok('officer-window', 'hearings.load', { hearingId: old.id });
    expect(reopened.forms).toEqual([{ formId: 'setup', formVersion: 1 }]);
    expect(reopened.answers).toMatchObject([{ fieldId: 'safeToTalk', value: 'yes', formVersion: 1 }]);
    // Still answerable under its own version; version 2's new question does not apply to it.
    await t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId: old.id,
      formId: 'setup',
      changes: [{ fieldId: 'safeToTalk', value: 'no', baseRevision: 1 }],
    });
    const refused = await t.core.dispatcher.call('officer-window', 'hearings.saveAnswers', {
      hearingId: old.id,
      formId: 'setup',
      changes: [{ fieldId: 'safeContactChannel', value: 'x', baseRevision: 0 }],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FIELD' } });

    const { hearing: fresh } = await t.ok('officer-window', 'hearings.create', {});
    expect((await t.ok('officer-window', 'hearings.load', { hearingId: fresh.id })).forms).toEqual([
      { formId: 'setup', formVersion: 2 },
    ]);
  });

  it('add a step shipped later to an open hearing, in step order, without touching the others', async () => {
    t = await openTestCore({ registry: buildRegistry([setupV1], ['setup']) });
    await seedAccounts(t);
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    await t.close();
    t = await openTestCore({
      dir: t.dir,
      key: t.key,
      registry: buildRegistry([peopleV1, setupV1, setupV2], ['setup', 'people']),
    });
    await t.ok('officer-window', 'session.login', { username: 'officer.one', password: 'officer one passphrase' });
    expect((await t.ok('officer-window', 'hearings.load', { hearingId: hearing.id })).forms).toEqual([
      { formId: 'setup', formVersion: 1 },
      { formId: 'people', formVersion: 1 },
    ]);
    const audit = (
      await t.sql("SELECT details_json FROM audit_events WHERE action = 'hearing.opened' ORDER BY seq DESC LIMIT 1")
    )[0];
    expect(audit).toEqual({ details_json: JSON.stringify({ stepsAdded: ['people'] }) });
  });
});

describe('victim catalogs', () => {
  const store = loadVictimCatalogs(ASSETS.victimCatalogsDir);

  it('exist for the 19 languages of the specification, each with every key, its status and its direction', () => {
    expect(store.refused()).toEqual([]);
    expect(
      store
        .all()
        .map((c) => c.meta.language)
        .sort(),
    ).toEqual([...VICTIM_LANGUAGES].sort());
    const keys = victimTextKeys();
    const rightsKeys = formRegistry.all.flatMap((f) =>
      f.fields.flatMap((field) => (field.victimTextKey ? [field.victimTextKey] : [])),
    );
    // The seven rights of Art. 15 §2, the same in every version of the rights step.
    expect(new Set(rightsKeys).size).toBe(7);
    for (const key of rightsKeys) expect(keys).toContain(key);
    for (const catalog of store.all()) {
      expect(TRANSLATION_STATUSES).toContain(catalog.meta.status);
      expect(catalog.meta.direction, catalog.meta.language).toBe(
        ['ar', 'fa', 'ps'].includes(catalog.meta.language) ? 'rtl' : 'ltr',
      );
      for (const key of keys) {
        const text = victimText(catalog, key);
        expect(text, `${catalog.meta.language}:${key}`).toBeTruthy();
        // Numbers print as written (112, 101, 2023): never in Arabic-Indic or Persian digits.
        expect(text, `${catalog.meta.language}:${key}`).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
        for (const number of victimText(store.get('en'), key)!.match(/\d+/g) ?? [])
          expect(text, `${catalog.meta.language}:${key}`).toContain(number);
      }
    }
    expect(victimText(store.get('ar'), 'rights.interpreter')).toBeTruthy();
    expect(store.get('xx')).toBeUndefined();
  });

  it('refuse a file with a missing key, a lost placeholder, a wrong name or no translation status, and keep the others', () => {
    const dir = tempDir();
    const fr = JSON.parse(fs.readFileSync(path.join(ASSETS.victimCatalogsDir, 'fr.json'), 'utf8')) as VictimCatalog;
    fs.writeFileSync(path.join(dir, 'fr.json'), JSON.stringify(fr));
    const withoutSafety: Partial<VictimCatalog> = { ...fr };
    delete withoutSafety.safety;
    fs.writeFileSync(
      path.join(dir, 'nl.json'),
      JSON.stringify({ ...withoutSafety, meta: { ...fr.meta, language: 'nl' } }),
    );
    fs.writeFileSync(
      path.join(dir, 'de.json'),
      JSON.stringify({
        ...fr,
        meta: { ...fr.meta, language: 'de' },
        footer: { ...fr.footer, page: 'Seite {{seite}}' },
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'es.json'),
      JSON.stringify({ ...fr, meta: { ...fr.meta, language: 'es', status: 'perfect' } }),
    );
    fs.writeFileSync(path.join(dir, 'it.json'), JSON.stringify({ ...fr, meta: { ...fr.meta, status: 'reviewed' } }));
    fs.writeFileSync(path.join(dir, 'pt.json'), JSON.stringify(fr));
    fs.writeFileSync(path.join(dir, 'pl.json'), '{ not json');
    const broken = loadVictimCatalogs(dir);
    expect(broken.all().map((c) => c.meta.language)).toEqual(['fr']);
    const reasons = Object.fromEntries(broken.refused().map((r) => [r.file, r.problems.join(' | ')]));
    expect(Object.keys(reasons).sort()).toEqual(['de.json', 'es.json', 'it.json', 'nl.json', 'pl.json', 'pt.json']);
    expect(reasons['nl.json']).toMatch(/safety/);
    expect(reasons['de.json']).toMatch(/footer\.page: placeholders seite instead of page, pages/);
    expect(reasons['es.json']).toMatch(/meta\.status/);
    expect(reasons['it.json']).toMatch(/reviewedBy/);
    expect(reasons['pt.json']).toMatch(/name it fr\.json/);
    expect(reasons['pl.json']).toMatch(/not JSON/);
  });
});
