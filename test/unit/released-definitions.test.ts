import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPES_FILE, renderFieldTypes } from '../../forms/field-types';
import { formDefinitionSchema, type FormDefinitionInput } from '../../forms/definition-schema';
import { factsV1 } from '../../forms/definitions/facts.v1';
import { formRegistry } from '../../forms/registry';
import { riskDefinitionSchema } from '../../forms/risk/risk-definition';
import { riskV1 } from '../../forms/risk/risk.v1';
import { riskV2 } from '../../forms/risk/risk.v2';
import { riskV3 } from '../../forms/risk/risk.v3';
import { riskV4 } from '../../forms/risk/risk.v4';
import { riskV5 } from '../../forms/risk/risk.v5';

/**
 * A released definition never changes: a hearing keeps the version it was taken under and must
 * open and print as it was. forms/released-definitions.json records the SHA-256 of each released
 * definition's canonical JSON (as parsed, defaults included, keys sorted); a change to one fails
 * here. `FORMS_WRITE=1` records definitions not yet in it (never overwrites one) and writes
 * forms/fields.generated.ts anew.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const MANIFEST = 'forms/released-definitions.json';
const WRITE = process.env.FORMS_WRITE === '1';
const HOW_TO_WRITE = `FORMS_WRITE=1 npx vitest run --project unit test/unit/released-definitions.test.ts`;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

const sha256 = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(value)), 'utf8')
    .digest('hex');

/** Every versioned definition by `id@version`: the forms, and the risk tool's rule (`risk-tool@N`). */
function fingerprints(forms: { id: string; version: number }[], riskTools: { version: number }[]) {
  return new Map([
    ...forms.map((f) => [`${f.id}@${f.version}`, sha256(f)] as const),
    ...riskTools.map((r) => [`risk-tool@${r.version}`, sha256(r)] as const),
  ]);
}

const RISK_TOOLS = [riskV1, riskV2, riskV3, riskV4, riskV5].map((r) => riskDefinitionSchema.parse(r));

function releasedDefinitionProblems(released: Record<string, string>, current: Map<string, string>): string[] {
  const problems: string[] = [];
  const nextVersion = (id: string) =>
    Math.max(
      ...[...current.keys(), ...Object.keys(released)]
        .filter((k) => k.startsWith(`${id}@`))
        .map((k) => Number(k.split('@')[1])),
    ) + 1;
  for (const [key, hash] of Object.entries(released)) {
    const now = current.get(key);
    const id = key.split('@')[0]!;
    if (now === undefined)
      problems.push(`${key} is released but no longer registered: hearings taken under it must still open and print.`);
    else if (now !== hash)
      problems.push(
        `${key} is released: add ${id}@${nextVersion(id)} instead (and keep ${key} as it was for the hearings taken under it).`,
      );
  }
  for (const key of current.keys())
    if (!(key in released))
      problems.push(`${key} is not recorded in ${MANIFEST}: record it as released with ${HOW_TO_WRITE}`);
  return problems;
}

function readManifest(): Record<string, string> {
  const file = path.join(ROOT, MANIFEST);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

async function formatted(relative: string, source: string): Promise<string> {
  const filepath = path.join(ROOT, relative);
  return prettier.format(source, { ...(await prettier.resolveConfig(filepath)), filepath });
}

describe('released definitions', () => {
  const current = fingerprints(formRegistry.all, RISK_TOOLS);

  it('never change: a new version is added instead', async () => {
    let released = readManifest();
    if (WRITE) {
      // Records what is new; a released entry is never rewritten.
      released = { ...Object.fromEntries([...current].filter(([k]) => !(k in released))), ...released };
      const ordered = Object.fromEntries([...current.keys(), ...Object.keys(released)].map((k) => [k, released[k]!]));
      fs.writeFileSync(path.join(ROOT, MANIFEST), await formatted(MANIFEST, JSON.stringify(ordered, null, 2)));
    }
    expect(releasedDefinitionProblems(released, current)).toEqual([]);
  });

  it('fail with a clear message when one is edited in place', () => {
    const released = Object.fromEntries(current);
    const edited: FormDefinitionInput = {
      ...factsV1,
      fields: factsV1.fields.map((f) =>
        f.id === 'formsOfViolence' && f.kind === 'multiChoice'
          ? { ...f, options: [...f.options, { value: 'digital', labelKey: 'form.facts.formsOfViolence.digital' }] }
          : f,
      ),
    };
    const forms = formRegistry.all.map((f) =>
      f.id === 'facts' && f.version === 1 ? formDefinitionSchema.parse(edited) : f,
    );
    expect(releasedDefinitionProblems(released, fingerprints(forms, RISK_TOOLS))).toEqual([
      'facts@1 is released: add facts@2 instead (and keep facts@1 as it was for the hearings taken under it).',
    ]);
    const tool = { ...RISK_TOOLS[0]!, uncertaintyMinimum: 3 };
    expect(
      releasedDefinitionProblems(released, fingerprints(formRegistry.all, [tool, ...RISK_TOOLS.slice(1)])),
    ).toEqual([
      `risk-tool@1 is released: add risk-tool@${RISK_TOOLS.length + 1} instead (and keep risk-tool@1 as it was for the hearings taken under it).`,
    ]);
  });
});

describe('the typed field ids and answers (forms/fields.generated.ts)', () => {
  it('are generated from the definitions as they stand', async () => {
    const expected = await formatted(FIELD_TYPES_FILE, renderFieldTypes(formRegistry.all));
    const file = path.join(ROOT, FIELD_TYPES_FILE);
    if (WRITE) fs.writeFileSync(file, expected);
    const actual = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    expect(actual === expected, `${FIELD_TYPES_FILE} is out of date: write it anew with ${HOW_TO_WRITE}`).toBe(true);
  });
});
