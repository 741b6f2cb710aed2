import type { TFunction } from 'i18next';
import type { FormDefinition } from '../../../forms/definition-schema';
import type { Answers } from '../../../forms/engine';
import { definitionKey } from '../../../forms/translation';

/** "Children › Child 2 › First name" for `children[key].firstName`; the step's title first. */
export function describeMissing(form: FormDefinition, path: string, answers: Partial<Answers>, t: TFunction): string {
  const match = /^([^[]+)(?:\[([^\]]+)\]\.(.+))?$/.exec(path);
  const field = form.fields.find((f) => f.id === match?.[1]);
  if (!match || !field) return `${t(definitionKey(form.titleKey))} › ${path}`;
  const parts = [t(definitionKey(form.titleKey)), t(definitionKey(field.labelKey))];
  if (field.kind === 'group' && match[2] && match[3]) {
    const items = (answers[field.id] as { key: string }[] | null | undefined) ?? [];
    const index = items.findIndex((item) => item.key === match[2]);
    const sub = field.fields.find((f) => f.id === match[3]);
    parts.push(
      t(definitionKey(field.itemLabelKey), { number: index + 1 }),
      sub ? t(definitionKey(sub.labelKey)) : match[3],
    );
  }
  return parts.join(' › ');
}
