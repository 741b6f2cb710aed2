import type { FieldDefinition, FormDefinition, SimpleFieldDefinition } from './definition-schema';

/**
 * Writes `forms/fields.generated.ts` from the definitions: the form ids, the field ids and the
 * values of each choice as constants, and the type of each form's answers, each field's value following from its kind.
 * Definitions stay plain data (several are built by functions: the risk step from the tool, the
 * digital step from its prompts), so the types are generated rather than inferred; the test
 * test/unit/released-definitions.test.ts fails when the file is out of date, and writes it anew
 * with `FORMS_WRITE=1`.
 */
export const FIELD_TYPES_FILE = 'forms/fields.generated.ts';

const pascal = (id: string) =>
  id
    .split(/[^a-zA-Z0-9]/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A field's value type (without the null that clears it). */
function valueType(field: SimpleFieldDefinition): string {
  switch (field.kind) {
    case 'shortText':
    case 'longText':
      return 'string';
    case 'singleChoice':
      return field.options.map((o) => literal(o.value)).join(' | ');
    case 'multiChoice':
      return `(${field.options.map((o) => literal(o.value)).join(' | ')})[]`;
    case 'serviceChoice':
      return 'string[]';
    case 'date':
      return 'IsoDate';
    case 'dateTime':
      return 'IsoDateTime';
    case 'dateOrPeriod':
      return 'DateOrPeriod';
    case 'nationalNumber':
      return 'NationalNumberDigits';
  }
}

/** The same field id in every version of a form, with its definition in each. */
interface MergedField<F> {
  id: string;
  versions: { version: number; field: F }[];
}

function merge<F extends { id: string }>(versions: { version: number; fields: readonly F[] }[]): MergedField<F>[] {
  const byId = new Map<string, MergedField<F>>();
  for (const { version, fields } of versions) {
    for (const field of fields) {
      const merged = byId.get(field.id) ?? { id: field.id, versions: [] };
      merged.versions.push({ version, field });
      byId.set(field.id, merged);
    }
  }
  return [...byId.values()];
}

/** A union without repeats, keeping the first version's order. */
function union(types: string[]): string {
  const parts = [...new Set(types.flatMap((t) => (t.startsWith('(') ? [t] : t.split(' | '))))];
  return parts.join(' | ');
}

function inVersions(formId: string, merged: MergedField<unknown>, all: number[]): string {
  const versions = merged.versions.map((v) => v.version);
  if (versions.length === all.length) return '';
  return `/** Only in ${versions.map((v) => `${formId}@${v}`).join(', ')}. */\n  `;
}

export function renderFieldTypes(definitions: readonly FormDefinition[]): string {
  const formIds = [...new Set(definitions.map((d) => d.id))];
  const out: string[] = [
    '// Generated from the form definitions by forms/field-types.ts: do not edit. After a change to a',
    '// definition: FORMS_WRITE=1 npx vitest run --project unit test/unit/released-definitions.test.ts',
    "import type { DateOrPeriod } from './engine';",
    '',
    '/** A calendar date, `YYYY-MM-DD`. */',
    'export type IsoDate = string;',
    '/** A local date and time, `YYYY-MM-DDTHH:mm`. */',
    'export type IsoDateTime = string;',
    '/** A national register or BIS number, its eleven digits without separators. */',
    'export type NationalNumberDigits = string;',
    '/** One item of a repeated group; `key` stays the same when other items are removed. */',
    'export type GroupItemOf<V> = { key: string; values: V };',
    '',
    '/** Every form id, in the order the definitions are registered. */',
    `export const FORMS = {\n${formIds.map((id) => `  ${id.includes('-') ? literal(id) : id}: ${literal(id)},`).join('\n')}\n} as const;`,
    '',
  ];
  const versionsOf = (formId: string) =>
    definitions.filter((d) => d.id === formId).sort((a, b) => a.version - b.version);

  const fieldConstants: string[] = [];
  const groupConstants: string[] = [];
  const optionConstants: string[] = [];
  const types: string[] = [];
  for (const formId of formIds) {
    const versions = versionsOf(formId);
    const allVersions = versions.map((v) => v.version);
    const fields = merge<FieldDefinition>(versions);
    const name = pascal(formId);
    fieldConstants.push(
      `  ${literal(formId)}: {\n${fields.map((f) => `    ${f.id}: ${literal(f.id)},`).join('\n')}\n  },`,
    );
    const choices = fields.flatMap((f) => {
      const values = f.versions.flatMap(({ field }) =>
        field.kind === 'singleChoice' || field.kind === 'multiChoice' ? field.options.map((o) => o.value) : [],
      );
      return values.length > 0 ? [`    ${f.id}: [${[...new Set(values)].map(literal).join(', ')}],`] : [];
    });
    if (choices.length > 0) optionConstants.push(`  ${literal(formId)}: {\n${choices.join('\n')}\n  },`);
    const groups = fields.filter((f) => f.versions.some((v) => v.field.kind === 'group'));
    if (groups.length > 0) {
      groupConstants.push(
        `  ${literal(formId)}: {\n${groups
          .map((g) => {
            const subs = merge(
              g.versions.flatMap((v) =>
                v.field.kind === 'group' ? [{ version: v.version, fields: v.field.fields }] : [],
              ),
            );
            return `    ${g.id}: {\n${subs.map((s) => `      ${s.id}: ${literal(s.id)},`).join('\n')}\n    },`;
          })
          .join('\n')}\n  },`,
      );
    }
    const members = fields.map((f) => {
      const typesOf = f.versions.map(({ field }) => {
        if (field.kind !== 'group') return valueType(field);
        return `GroupItemOf<${name}${pascal(f.id)}Item>[]`;
      });
      return `  ${inVersions(formId, f, allVersions)}${f.id}?: ${union(typesOf)} | null;`;
    });
    for (const g of groups) {
      const subs = merge<SimpleFieldDefinition>(
        g.versions.flatMap((v) => (v.field.kind === 'group' ? [{ version: v.version, fields: v.field.fields }] : [])),
      );
      types.push(
        `/** One item of ${formId}.${g.id}. */\nexport type ${name}${pascal(g.id)}Item = {\n${subs
          .map((s) => `  ${s.id}?: ${union(s.versions.map((v) => valueType(v.field)))} | null;`)
          .join('\n')}\n};`,
      );
    }
    types.push(
      `/** The answers of the ${formId} step (${allVersions.map((v) => `${formId}@${v}`).join(', ')}): every field optional, as a hearing is filled in over time. */\nexport type ${name}Answers = {\n${members.join('\n')}\n};`,
    );
  }
  out.push(
    '/** Every field id of every version of each form. */',
    `export const FIELDS = {\n${fieldConstants.join('\n')}\n} as const;`,
    '',
    '/** The field ids inside each repeated group. */',
    `export const GROUP_FIELDS = {\n${groupConstants.join('\n')}\n} as const;`,
    '',
    '/** The values each choice may take, over every version of its form, in the order they are offered. */',
    `export const OPTIONS = {\n${optionConstants.join('\n')}\n} as const;`,
    '',
    '/** The versions of each form, oldest first. */',
    `export const FORM_VERSIONS = {\n${formIds
      .map(
        (id) =>
          `  ${literal(id)}: [${versionsOf(id)
            .map((v) => v.version)
            .join(', ')}],`,
      )
      .join('\n')}\n} as const;`,
    '',
    ...types.flatMap((t) => [t, '']),
    '/** The answers of each form, by form id. */',
    `export type AnswersByForm = {\n${formIds.map((id) => `  ${literal(id)}: ${pascal(id)}Answers;`).join('\n')}\n};`,
    '',
  );
  return out.join('\n');
}
